SELECT json_build_object('data', json_build_object('users', json_agg(
         json_build_object('username', u.username, 'karma', u.karma,
                           'postCount', (SELECT count(*) FROM tb_post p WHERE p.author_id = u.id))
         ORDER BY u.karma DESC, u.id)))
  FROM (SELECT * FROM tb_user ORDER BY karma DESC, id LIMIT 2) u;
