SELECT json_build_object('data', json_build_object(
  'posts', (SELECT json_agg(json_build_object('title', p.title, 'body', p.body) ORDER BY p.slug, p.id)
              FROM (SELECT * FROM tb_post
                     WHERE strpos(title, '"') > 0 OR strpos(title, '😅') > 0 OR strpos(body, chr(1)) > 0
                     ORDER BY slug, id LIMIT 25) p),
  'users', (SELECT coalesce(json_agg(json_build_object('fullName', u.full_name) ORDER BY u.username, u.id), '[]')
              FROM tb_user u WHERE strpos(u.full_name, '"') > 0)));
