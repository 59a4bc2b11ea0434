SELECT json_build_object('data', json_build_object('users', coalesce(json_agg(
         json_build_object('username', u.username) ORDER BY u.username, u.id), '[]')))
  FROM tb_user u
 WHERE u.username > 's' AND u.username <= 't';
