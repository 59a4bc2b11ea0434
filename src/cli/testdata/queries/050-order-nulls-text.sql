SELECT json_build_object('data', json_build_object(
  'first', (SELECT json_agg(json_build_object('username', u.username, 'bio', u.bio)
                            ORDER BY u.bio DESC NULLS FIRST, u.username, u.id)
              FROM (SELECT * FROM tb_user ORDER BY bio DESC NULLS FIRST, username, id LIMIT 3) u),
  'last', (SELECT json_agg(json_build_object('username', u.username, 'avatarURL', u.avatar_url)
                           ORDER BY u.avatar_url ASC NULLS LAST, u.username DESC, u.id)
             FROM (SELECT * FROM tb_user ORDER BY avatar_url ASC NULLS LAST, username DESC, id OFFSET 200 LIMIT 10) u)));
