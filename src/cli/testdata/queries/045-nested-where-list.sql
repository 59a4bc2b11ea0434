SELECT json_build_object('data', json_build_object('posts', coalesce(json_agg(
         json_build_object('slug', p.slug,
                           'commentCount', (SELECT count(*) FROM tb_comment c WHERE c.post_id = p.id))
         ORDER BY p.slug, p.id), '[]')))
  FROM tb_post p
 WHERE EXISTS (SELECT FROM tb_comment c JOIN tb_user ca ON ca.id = c.author_id
                WHERE c.post_id = p.id AND c.likes >= 60 AND left(ca.username, 1) = 'a');
