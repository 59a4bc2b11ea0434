SELECT json_build_object('data', json_build_object('users', coalesce(json_agg(
         json_build_object('username', u.username, 'fullName', u.full_name, 'email', u.email)
         ORDER BY u.id), '[]')))
  FROM tb_user u
 WHERE u.username = 'alice_3';
