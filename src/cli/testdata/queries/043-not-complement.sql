SELECT json_build_object('data', json_build_object('users', coalesce(json_agg(
         json_build_object('username', u.username, 'bio', u.bio) ORDER BY u.username, u.id), '[]')))
  FROM tb_user u
 WHERE left(u.username, 1) = 'd'
   AND (u.bio IS NULL OR left(u.bio, 3) <> 'The');
