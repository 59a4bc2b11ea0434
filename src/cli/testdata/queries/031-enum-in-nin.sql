SELECT json_build_object('data', json_build_object(
  'posts', (SELECT coalesce(json_agg(json_build_object('status', upper(p.status), 'viewCount', p.view_count)
                                     ORDER BY p.view_count DESC, p.id), '[]')
              FROM tb_post p WHERE p.status = 'archived' AND p.view_count > 50000),
  'users', (SELECT coalesce(json_agg(json_build_object('role', upper(u.role), 'username', u.username)
                                     ORDER BY upper(u.role), u.username, u.id), '[]')
              FROM tb_user u WHERE u.role NOT IN ('reader', 'author') AND u.is_active),
  'noRole', (SELECT coalesce(json_agg(json_build_object('username', u.username)), '[]') FROM tb_user u WHERE u.role IS NULL)));
