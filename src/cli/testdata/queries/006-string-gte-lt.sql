SELECT json_build_object('data', json_build_object('posts', coalesce(json_agg(
         json_build_object('slug', p.slug) ORDER BY p.slug DESC, p.id), '[]')))
  FROM tb_post p
 WHERE p.slug >= 'a-naive' AND p.slug < 'ask';
