SELECT json_build_object('data', json_build_object('posts', coalesce(json_agg(
         json_build_object('title', p.title,
                           'author', json_build_object('username', a.username, 'avatarURL', a.avatar_url))
         ORDER BY p.title, p.id), '[]')))
  FROM tb_post p JOIN tb_user a ON a.id = p.author_id
 WHERE left(a.username, 3) = 'zoe' AND a.avatar_url IS NOT NULL;
