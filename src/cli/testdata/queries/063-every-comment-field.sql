SELECT json_build_object('data', json_build_object('comments', json_agg(
         json_build_object('post', json_build_object('id', p.id, 'title', p.title, 'slug', p.slug,
                                                     'publishedAt', blog_internal.iso_time(p.published_at)),
                           'author', json_build_object('id', a.id, 'username', a.username,
                                                       'fullName', a.full_name, 'avatarURL', a.avatar_url),
                           'editedAt', blog_internal.iso_time(c.edited_at),
                           'createdAt', blog_internal.iso_time(c.created_at),
                           'likes', c.likes, 'body', c.body, 'parentId', c.parent_id,
                           'authorId', c.author_id, 'postId', c.post_id, 'id', c.id)
         ORDER BY c.created_at DESC, c.id)))
  FROM tb_comment c JOIN tb_post p ON p.id = c.post_id JOIN tb_user a ON a.id = c.author_id
 WHERE c.post_id = '20000000-0085-8675-8087-b43ef0080790';
