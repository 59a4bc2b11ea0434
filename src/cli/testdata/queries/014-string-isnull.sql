SELECT json_build_object('data', json_build_object('noBio', coalesce(json_agg(
         json_build_object('username', u.username, 'bio', u.bio, 'avatarURL', u.avatar_url)
         ORDER BY u.username, u.id), '[]')))
  FROM tb_user u
 WHERE u.bio IS NULL AND u.avatar_url IS NOT NULL;
