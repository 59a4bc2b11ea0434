SELECT json_build_object('data', json_build_object(
  '__typename', 'Query',
  'post', (SELECT json_build_object('__typename', 'Post', 'title', p.title,
                                    'author', json_build_object('__typename', 'Author', 'username', a.username),
                                    'comments', (SELECT coalesce(json_agg(json_build_object(
                                                          '__typename', 'PostComment',
                                                          'author', json_build_object('__typename', 'Author'))
                                                        ORDER BY c.created_at, c.id), '[]')
                                                   FROM tb_comment c WHERE c.post_id = p.id))
             FROM tb_post p JOIN tb_user a ON a.id = p.author_id WHERE p.id = '20000000-0085-8675-8087-b43ef0080790'),
  'users', (SELECT json_agg(json_build_object(
                     'kind', 'User',
                     'latestPosts', (SELECT coalesce(json_agg(json_build_object('__typename', 'PostSummary')), '[]')
                                       FROM (SELECT FROM tb_post p WHERE p.author_id = u.id LIMIT 3) l))
                   ORDER BY u.username, u.id)
              FROM (SELECT * FROM tb_user ORDER BY username, id LIMIT 2) u)));
