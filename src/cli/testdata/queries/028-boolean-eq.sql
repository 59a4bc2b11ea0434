SELECT json_build_object('data', json_build_object('inactive', coalesce(json_agg(
         json_build_object('username', u.username, 'isActive', u.is_active)
         ORDER BY u.username, u.id), '[]')))
  FROM tb_user u
 WHERE NOT u.is_active;
