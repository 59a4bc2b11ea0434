SELECT json_build_object('data', json_build_object('users', json_agg(
         json_build_object('id', u.id, 'email', u.email, 'username', u.username, 'fullName', u.full_name,
                           'bio', u.bio, 'avatarURL', u.avatar_url, 'role', upper(u.role),
                           'isActive', u.is_active, 'karma', u.karma,
                           'createdAt', blog_internal.iso_time(u.created_at),
                           'lastLoginAt', blog_internal.iso_time(u.last_login_at),
                           'postCount', (SELECT count(*) FROM tb_post p WHERE p.author_id = u.id),
                           'latestPosts',
                           (SELECT coalesce(json_agg(json_build_object('id', l.id, 'title', l.title, 'slug', l.slug,
                                                                       'publishedAt', blog_internal.iso_time(l.published_at))
                                                     ORDER BY l.created_at DESC, l.id DESC), '[]')
                              FROM (SELECT * FROM tb_post p WHERE p.author_id = u.id
                                     ORDER BY p.created_at DESC, p.id DESC LIMIT 3) l))
         ORDER BY u.username, u.id)))
  FROM tb_user u
 WHERE u.username IN ('zoe_1', 'alice_3', 'misaki_8');
