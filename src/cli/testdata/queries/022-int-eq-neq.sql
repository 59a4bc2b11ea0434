SELECT json_build_object('data', json_build_object(
  'unread', (SELECT coalesce(json_agg(json_build_object('slug', p.slug, 'viewCount', p.view_count)
                                      ORDER BY p.slug, p.id), '[]')
               FROM tb_post p WHERE p.view_count = 0 AND p.status <> 'draft'),
  'users', (SELECT coalesce(json_agg(json_build_object('username', u.username, 'karma', u.karma)
                                     ORDER BY u.karma, u.id), '[]')
              FROM tb_user u WHERE u.karma <> 5377 AND left(u.username, 1) = 'z')));
