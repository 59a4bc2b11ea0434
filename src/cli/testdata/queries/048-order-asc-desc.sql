SELECT json_build_object('data', json_build_object(
  'users', (SELECT coalesce(json_agg(json_build_object('username', u.username, 'karma', u.karma)
                                     ORDER BY u.karma DESC, u.id), '[]')
              FROM (SELECT * FROM tb_user ORDER BY karma DESC, id LIMIT 15) u),
  'oldest', (SELECT coalesce(json_agg(json_build_object('username', u.username,
                                                        'createdAt', blog_internal.iso_time(u.created_at))
                                      ORDER BY u.created_at, u.id), '[]')
               FROM (SELECT * FROM tb_user ORDER BY created_at, id LIMIT 5) u)));
