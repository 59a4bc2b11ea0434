SELECT json_build_object('data', json_build_object('users', coalesce(json_agg(
         json_build_object('email', u.email) ORDER BY u.email, u.id), '[]')))
  FROM tb_user u
 WHERE right(u.email, 17) = '@mail.example.com' AND u.karma > 5000;
