SELECT json_build_object('data', json_build_object(
  'posts', (SELECT coalesce(json_agg(json_build_object('slug', p.slug)), '[]')
              FROM tb_post p WHERE p.slug = 'notes-on-emoji-part-2-1-1'),
  'users', (SELECT coalesce(json_agg(json_build_object('username', u.username)), '[]')
              FROM tb_user u WHERE u.username = 'nobody')));
