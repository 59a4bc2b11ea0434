SELECT json_build_object('data', json_build_object('post', json_build_object(
         'title', p.title,
         'status', upper(p.status),
         'tags', p.tags,
         'author', json_build_object('username', a.username, 'fullName', a.full_name, 'avatarURL', a.avatar_url),
         'commentCount', (SELECT count(*) FROM tb_comment c WHERE c.post_id = p.id),
         'comments', (SELECT coalesce(json_agg(json_build_object(
                                 'id', c.id, 'parentId', c.parent_id, 'body', c.body, 'likes', c.likes,
                                 'createdAt', blog_internal.iso_time(c.created_at),
                                 'editedAt', blog_internal.iso_time(c.edited_at),
                                 'author', json_build_object('username', ca.username, 'avatarURL', ca.avatar_url))
                               ORDER BY c.created_at, c.id), '[]')
                        FROM tb_comment c JOIN tb_user ca ON ca.id = c.author_id
                       WHERE c.post_id = p.id))))
  FROM tb_post p JOIN tb_user a ON a.id = p.author_id
 WHERE p.id = '20000000-0085-8675-8087-b43ef0080790';
