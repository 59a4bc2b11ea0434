SELECT json_build_object('data', json_build_object('users', json_agg(
         json_build_object('username', u.username, 'role', upper(u.role), 'fullName', u.full_name,
                           'createdAt', blog_internal.iso_time(u.created_at))
         ORDER BY u.username, u.id)))
  FROM (SELECT * FROM tb_user ORDER BY username, id LIMIT 3) u;
