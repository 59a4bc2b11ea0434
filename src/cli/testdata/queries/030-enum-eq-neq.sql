SELECT json_build_object('data', json_build_object(
  'admins', (SELECT coalesce(json_agg(json_build_object('username', u.username, 'role', upper(u.role))
                                      ORDER BY u.username, u.id), '[]')
               FROM tb_user u WHERE u.role = 'admin'),
  'editors', (SELECT coalesce(json_agg(json_build_object('username', u.username, 'role', upper(u.role))
                                       ORDER BY u.karma DESC, u.id), '[]')
                FROM tb_user u WHERE u.role <> 'reader' AND u.karma > 9000)));
