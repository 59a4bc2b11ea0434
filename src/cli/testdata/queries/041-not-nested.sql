SELECT json_build_object('data', json_build_object('users', coalesce(json_agg(
         json_build_object('username', u.username, 'role', upper(u.role), 'karma', u.karma, 'isActive', u.is_active)
         ORDER BY u.karma DESC, u.id), '[]')))
  FROM tb_user u
 WHERE u.role <> 'reader' AND u.karma >= 5000 AND u.is_active;
