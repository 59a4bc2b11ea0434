SELECT json_build_object('data', json_build_object(
  'listed', (SELECT coalesce(json_agg(json_build_object('username', u.username) ORDER BY u.username, u.id), '[]')
               FROM tb_user u
              WHERE u.last_login_at IN ('2019-03-29T13:12:06Z', '2021-09-10T10:55:36Z', '2030-01-01T00:00:00Z')),
  'neverLoggedIn', (SELECT coalesce(json_agg(json_build_object('username', u.username,
                                                               'createdAt', blog_internal.iso_time(u.created_at),
                                                               'lastLoginAt', blog_internal.iso_time(u.last_login_at))
                                             ORDER BY u.created_at, u.id), '[]')
                      FROM tb_user u WHERE u.last_login_at IS NULL),
  'drafts', (SELECT coalesce(json_agg(json_build_object('slug', p.slug, 'publishedAt', blog_internal.iso_time(p.published_at))
                                      ORDER BY p.created_at DESC, p.id), '[]')
               FROM tb_post p JOIN tb_user a ON a.id = p.author_id
              WHERE p.published_at IS NULL AND left(a.username, 1) = 'm'),
  'edited', (SELECT coalesce(json_agg(json_build_object('likes', c.likes, 'editedAt', blog_internal.iso_time(c.edited_at))
                                      ORDER BY c.likes DESC, c.id), '[]')
               FROM tb_comment c WHERE c.edited_at IS NOT NULL AND c.likes > 40)));
