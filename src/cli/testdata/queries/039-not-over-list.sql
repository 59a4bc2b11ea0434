SELECT json_build_object('data', json_build_object('posts', coalesce(json_agg(
         json_build_object('slug', p.slug,
                           'commentCount', (SELECT count(*) FROM tb_comment c WHERE c.post_id = p.id))
         ORDER BY p.slug, p.id), '[]')))
  FROM tb_post p JOIN tb_user a ON a.id = p.author_id
 WHERE p.status = 'published' AND left(a.username, 1) = 's'
   AND NOT EXISTS (SELECT FROM tb_comment c WHERE c.post_id = p.id AND c.likes > 0);
