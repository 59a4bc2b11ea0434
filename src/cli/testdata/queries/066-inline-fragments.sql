SELECT json_build_object('data', json_build_object('comments', json_agg(
         json_build_object('likes', c.likes,
                           'author', json_build_object('username', a.username),
                           'post', json_build_object('slug', p.slug))
         ORDER BY c.likes DESC, c.id)))
  FROM (SELECT * FROM tb_comment ORDER BY likes DESC, id LIMIT 5) c
  JOIN tb_user a ON a.id = c.author_id
  JOIN tb_post p ON p.id = c.post_id;
