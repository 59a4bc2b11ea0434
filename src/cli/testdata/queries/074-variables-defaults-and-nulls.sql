SELECT json_build_object('data', json_build_object(
  'top', (SELECT json_agg(json_build_object('username', u.username) ORDER BY u.karma DESC, u.id)
            FROM (SELECT * FROM tb_user ORDER BY karma DESC, id LIMIT 3) u),
  'admins', (SELECT coalesce(json_agg(json_build_object('username', u.username) ORDER BY u.username, u.id), '[]')
               FROM tb_user u WHERE u.role = 'admin')));
