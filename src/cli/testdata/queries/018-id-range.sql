SELECT json_build_object('data', json_build_object(
  'users', (SELECT coalesce(json_agg(json_build_object('id', u.id) ORDER BY u.id::text), '[]')
              FROM tb_user u WHERE u.id::text > '10000000-0010' AND u.id::text <= '10000000-0020-ffff'),
  'before', (SELECT coalesce(json_agg(json_build_object('id', u.id) ORDER BY u.id::text DESC), '[]')
               FROM tb_user u
              WHERE u.id::text >= '10000000-0001-8963-8cd0-67c944c72014' AND u.id::text < '10000000-0005')));
