SELECT json_build_object('data', json_build_object(
  'lowKarma', (SELECT coalesce(json_agg(json_build_object('username', u.username, 'karma', u.karma)
                                        ORDER BY u.karma, u.id), '[]')
                 FROM tb_user u WHERE u.karma BETWEEN -100 AND 150),
  'prolific', (SELECT coalesce(json_agg(json_build_object('username', u.username, 'postCount', u.n)
                                        ORDER BY u.n DESC, u.username, u.id), '[]')
                 FROM (SELECT u.*, (SELECT count(*) FROM tb_post p WHERE p.author_id = u.id) AS n
                         FROM tb_user u) u
                WHERE u.n > 4 AND u.karma < 5000),
  'noKarma', (SELECT coalesce(json_agg(json_build_object('username', u.username)), '[]') FROM tb_user u WHERE u.karma IS NULL)));
