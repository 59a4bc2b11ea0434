SELECT json_build_object('data', json_build_object(
  'post', (SELECT json_build_object('id', p.id, 'slug', p.slug) FROM tb_post p WHERE p.id = '20000000-0085-8675-8087-b43ef0080790'),
  'user', (SELECT json_build_object('username', u.username,
                                    'postCount', (SELECT count(*) FROM tb_post p WHERE p.author_id = u.id))
             FROM tb_user u WHERE u.id = '10000000-0003-8ad7-865f-6f9ea8b5b8fc'),
  'comment', (SELECT json_build_object('parentId', c.parent_id, 'post', json_build_object('slug', p.slug))
                FROM tb_comment c JOIN tb_post p ON p.id = c.post_id
               WHERE c.id = '30000000-0415-873f-894d-fa85f0afe9f2')));
