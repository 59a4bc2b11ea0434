SELECT json_build_object('data', json_build_object('posts', coalesce(json_agg(
         json_build_object('slug', p.slug, 'metadata', p.metadata) ORDER BY p.slug, p.id), '[]')))
  FROM tb_post p JOIN tb_user a ON a.id = p.author_id
 WHERE p.metadata IS NOT NULL AND left(a.username, 1) = 'h';
