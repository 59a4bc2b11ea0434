SELECT json_build_object('data', json_build_object(
  'exact', (SELECT coalesce(json_agg(json_build_object('slug', p.slug, 'rating', p.rating)
                                     ORDER BY p.slug, p.id), '[]')
              FROM tb_post p WHERE p.rating = 2.16),
  'listed', (SELECT coalesce(json_agg(json_build_object('slug', p.slug, 'rating', p.rating)
                                      ORDER BY p.rating, p.slug, p.id), '[]')
               FROM tb_post p WHERE p.rating IN (3.72, 1.10, 5)),
  'lowest', (SELECT coalesce(json_agg(json_build_object('score', p.score) ORDER BY p.score, p.id), '[]')
               FROM tb_post p WHERE p.score >= 0 AND p.score < 0.05)));
