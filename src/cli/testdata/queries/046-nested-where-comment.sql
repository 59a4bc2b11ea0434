SELECT json_build_object('data', json_build_object('comments', coalesce(json_agg(
         json_build_object('author', json_build_object('fullName', a.full_name),
                           'post', json_build_object('title', p.title))
         ORDER BY c.created_at, c.id), '[]')))
  FROM tb_comment c
  JOIN tb_user a ON a.id = c.author_id
  JOIN tb_post p ON p.id = c.post_id
 WHERE strpos(p.title, 'Rust') > 0 AND strpos(a.full_name, 'O''Brien') > 0;
