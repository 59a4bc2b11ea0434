SELECT json_build_object('data', json_build_object('posts', coalesce(json_agg(
         json_build_object('slug', p.slug, 'score', p.score) ORDER BY p.score DESC, p.id), '[]')))
  FROM tb_post p
 WHERE p.score > 60.5 AND p.score <= 95.25;
