SELECT json_build_object('data', json_build_object(
  'posts', (SELECT coalesce(json_agg(json_build_object('slug', p.slug, 'tags', p.tags) ORDER BY p.slug, p.id), '[]')
              FROM tb_post p
             WHERE 'rust' = ANY (p.tags) AND 'devops' = ANY (p.tags)),
  'vacuous', (SELECT coalesce(json_agg(json_build_object('slug', p.slug) ORDER BY p.slug, p.id), '[]')
                FROM tb_post p JOIN tb_user a ON a.id = p.author_id WHERE a.username = 'zoe_1')));
