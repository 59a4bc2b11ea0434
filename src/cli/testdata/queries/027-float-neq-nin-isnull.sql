SELECT json_build_object('data', json_build_object(
  'notRated', (SELECT coalesce(json_agg(json_build_object('slug', p.slug, 'rating', p.rating)
                                        ORDER BY p.slug, p.id), '[]')
                 FROM tb_post p JOIN tb_user a ON a.id = p.author_id
                WHERE p.rating IS NULL AND left(a.username, 1) = 'c'),
  'others', (SELECT coalesce(json_agg(json_build_object('slug', p.slug, 'rating', p.rating)
                                      ORDER BY p.slug, p.id), '[]')
               FROM tb_post p JOIN tb_user a ON a.id = p.author_id
              WHERE (p.rating IS NULL OR p.rating NOT IN (2.16, 3.72, 1.10)) AND left(a.username, 1) = 'c')));
