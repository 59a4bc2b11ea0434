SELECT json_build_object('data', json_build_object(
  'users', (SELECT coalesce(json_agg(json_build_object('username', u.username, 'role', upper(u.role))
                                     ORDER BY u.username, u.id), '[]')
              FROM tb_user u WHERE u.role IN ('editor', 'admin') AND u.karma > 9000),
  'posts', (SELECT coalesce(json_agg(json_build_object('slug', p.slug) ORDER BY p.slug, p.id), '[]')
              FROM tb_post p WHERE p.status = 'archived' AND p.tags && ARRAY['c++', 'c#']),
  'comments', (SELECT json_agg(json_build_object('likes', c.likes) ORDER BY c.likes DESC, c.created_at, c.id)
                 FROM (SELECT * FROM tb_comment WHERE likes IN (64, 76, 57)
                        ORDER BY likes DESC, created_at, id LIMIT 7) c)));
