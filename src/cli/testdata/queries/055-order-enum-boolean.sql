SELECT json_build_object('data', json_build_object('users', json_agg(
         json_build_object('role', upper(u.role), 'isActive', u.is_active, 'username', u.username)
         ORDER BY upper(u.role), u.is_active DESC, u.username, u.id)))
  FROM (SELECT * FROM tb_user ORDER BY upper(role), is_active DESC, username, id OFFSET 2 LIMIT 40) u;
