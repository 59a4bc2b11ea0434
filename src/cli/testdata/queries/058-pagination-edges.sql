SELECT json_build_object('data', json_build_object(
  'lastPage', (SELECT json_agg(json_build_object('likes', r.likes) ORDER BY r.n)
                 FROM (SELECT c.likes, row_number() OVER (ORDER BY c.likes, c.id) AS n FROM tb_comment c) r
                WHERE r.n > 1430),
  'pastEnd', (SELECT coalesce(json_agg(json_build_object('likes', r.likes) ORDER BY r.n), '[]')
                FROM (SELECT c.likes, row_number() OVER (ORDER BY c.likes, c.id) AS n FROM tb_comment c) r
               WHERE r.n BETWEEN 5001 AND 5010),
  'zero', (SELECT coalesce(json_agg(json_build_object('username', u.username)), '[]')
             FROM (SELECT * FROM tb_user ORDER BY id LIMIT 0) u),
  'tail', (SELECT json_agg(json_build_object('username', r.username) ORDER BY r.n)
             FROM (SELECT u.username, row_number() OVER (ORDER BY u.id) AS n FROM tb_user u) r
            WHERE r.n > 297)));
