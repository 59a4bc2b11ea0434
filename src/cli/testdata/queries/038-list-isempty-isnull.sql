SELECT json_build_object('data', json_build_object(
  'untagged', (SELECT coalesce(json_agg(json_build_object('slug', p.slug, 'tags', p.tags) ORDER BY p.slug, p.id), '[]')
                 FROM tb_post p WHERE cardinality(p.tags) = 0 AND p.status = 'archived'),
  'tagged', (SELECT coalesce(json_agg(json_build_object('slug', p.slug, 'tags', p.tags) ORDER BY p.slug, p.id), '[]')
               FROM tb_post p JOIN tb_user a ON a.id = p.author_id
              WHERE cardinality(p.tags) > 0 AND left(a.username, 1) = 'q'),
  'present', (SELECT coalesce(json_agg(json_build_object('slug', p.slug) ORDER BY p.slug, p.id), '[]')
                FROM tb_post p JOIN tb_user a ON a.id = p.author_id WHERE left(a.username, 1) = 'y'),
  'missing', (SELECT coalesce(json_agg(json_build_object('slug', p.slug)), '[]') FROM tb_post p WHERE p.tags IS NULL)));
