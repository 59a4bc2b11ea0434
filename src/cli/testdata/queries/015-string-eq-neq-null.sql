SELECT json_build_object('data', json_build_object('users', coalesce(json_agg(
         json_build_object('username', u.username, 'avatarURL', u.avatar_url)
         ORDER BY u.username DESC, u.id), '[]')))
  FROM tb_user u
 WHERE u.avatar_url IS NULL AND u.bio IS NOT NULL;
