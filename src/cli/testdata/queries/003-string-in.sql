SELECT json_build_object('data', json_build_object('users', coalesce(json_agg(
         json_build_object('username', u.username) ORDER BY u.username DESC, u.id), '[]')))
  FROM tb_user u
 WHERE u.username IN ('alice_3', 'zoe_1', 'nobody_0', 'ana_273');
