SELECT json_build_object('data', json_build_object('users', coalesce(json_agg(
         json_build_object('username', u.username, 'avatarURL', u.avatar_url)
         ORDER BY u.username, u.id), '[]')))
  FROM tb_user u
 WHERE left(u.username, 1) = 'a'
   AND u.avatar_url IS DISTINCT FROM 'https://img.example.com/avatars/alice_7.png';
