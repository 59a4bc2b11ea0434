SELECT json_build_object('data', json_build_object(
  'users', (SELECT coalesce(json_agg(json_build_object('id', u.id, 'username', u.username)
                                     ORDER BY u.username, u.id), '[]')
              FROM tb_user u
             WHERE left(u.username, 1) = 'b'
               AND u.id NOT IN ('10000000-0007-8cdf-8840-9e8d2e99e85a', '10000000-000b-8f45-8026-6b174ae47775')),
  'all', (SELECT coalesce(json_agg(json_build_object('username', u.username) ORDER BY u.username, u.id), '[]')
            FROM tb_user u WHERE left(u.username, 1) = 'b'),
  'noId', (SELECT coalesce(json_agg(json_build_object('username', u.username)), '[]') FROM tb_user u WHERE u.id IS NULL)));
