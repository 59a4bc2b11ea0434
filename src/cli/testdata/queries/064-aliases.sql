SELECT json_build_object('data', json_build_object(
  'top', (SELECT json_agg(json_build_object('name', u.username, 'handle', u.username, 'karma', u.karma,
                                            'posts', (SELECT count(*) FROM tb_post p WHERE p.author_id = u.id))
                          ORDER BY u.karma DESC, u.id)
            FROM (SELECT * FROM tb_user ORDER BY karma DESC, id LIMIT 3) u),
  'bottom', (SELECT json_agg(json_build_object('username', u.username, 'k', u.karma) ORDER BY u.karma, u.id)
               FROM (SELECT * FROM tb_user ORDER BY karma, id LIMIT 3) u)));
