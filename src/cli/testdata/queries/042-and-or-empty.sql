WITH zoe AS (SELECT coalesce(json_agg(json_build_object('username', u.username) ORDER BY u.username, u.id), '[]') AS list
               FROM tb_user u WHERE left(u.username, 3) = 'zoe')
SELECT json_build_object('data', json_build_object(
  'everything', zoe.list,
  'nothing', (SELECT coalesce(json_agg(json_build_object('username', u.username)), '[]') FROM tb_user u WHERE false),
  'notNothing', zoe.list))
  FROM zoe;
