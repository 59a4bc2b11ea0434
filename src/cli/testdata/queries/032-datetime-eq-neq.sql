SELECT json_build_object('data', json_build_object(
  'one', (SELECT coalesce(json_agg(json_build_object('slug', p.slug, 'publishedAt', blog_internal.iso_time(p.published_at))), '[]')
            FROM tb_post p WHERE p.published_at = '2019-02-17T23:31:04Z'),
  'users', (SELECT coalesce(json_agg(json_build_object('username', u.username,
                                                       'lastLoginAt', blog_internal.iso_time(u.last_login_at))
                                     ORDER BY u.username, u.id), '[]')
              FROM tb_user u
             WHERE u.last_login_at IS DISTINCT FROM '2020-02-03T08:04:11Z' AND left(u.username, 1) = 'h')));
