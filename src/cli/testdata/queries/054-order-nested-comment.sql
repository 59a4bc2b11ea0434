SELECT json_build_object('data', json_build_object('comments', json_agg(
         json_build_object('post', json_build_object('title', c.title),
                           'author', json_build_object('username', c.username),
                           'createdAt', blog_internal.iso_time(c.created_at))
         ORDER BY c.title, c.username DESC, c.created_at DESC, c.id)))
  FROM (SELECT c.*, p.title, a.username
          FROM tb_comment c JOIN tb_post p ON p.id = c.post_id JOIN tb_user a ON a.id = c.author_id
         ORDER BY p.title, a.username DESC, c.created_at DESC, c.id LIMIT 20 OFFSET 5) c;
