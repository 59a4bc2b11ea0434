SELECT json_build_object('data', json_build_object(
  'users', (SELECT json_agg(json_build_object('username', u.username) ORDER BY u.created_at DESC, u.id)
              FROM (SELECT * FROM tb_user ORDER BY created_at DESC, id LIMIT 2) u),
  'post', (SELECT json_build_object('commentCount', count(*)) FROM tb_comment c WHERE c.post_id = '20000000-0085-8675-8087-b43ef0080790'),
  'comments', (SELECT json_agg(json_build_object('createdAt', blog_internal.iso_time(c.created_at))
                               ORDER BY c.created_at DESC, c.id)
                 FROM (SELECT * FROM tb_comment ORDER BY created_at DESC, id LIMIT 2) c),
  'posts', (SELECT json_agg(json_build_object('updatedAt', blog_internal.iso_time(p.updated_at))
                            ORDER BY p.updated_at DESC, p.id)
              FROM (SELECT * FROM tb_post ORDER BY updated_at DESC, id LIMIT 2) p)));
