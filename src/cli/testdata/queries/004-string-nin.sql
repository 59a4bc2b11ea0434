SELECT json_build_object('data', json_build_object('users', coalesce(json_agg(
         json_build_object('username', u.username) ORDER BY u.username, u.id), '[]')))
  FROM tb_user u
 WHERE left(u.username, 5) = 'alice'
   AND u.username NOT IN ('alice_3', 'alice_7', 'nobody');
