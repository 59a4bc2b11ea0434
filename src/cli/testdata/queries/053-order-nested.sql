SELECT json_build_object('data', json_build_object('posts', json_agg(
         json_build_object('title', p.title, 'author', json_build_object('fullName', p.full_name))
         ORDER BY p.full_name, p.title DESC, p.id)))
  FROM (SELECT p.*, a.full_name FROM tb_post p JOIN tb_user a ON a.id = p.author_id
         ORDER BY a.full_name, p.title DESC, p.id LIMIT 12) p;
