WITH inactive AS (SELECT * FROM tb_user WHERE NOT is_active)
SELECT json_build_object('data', json_build_object(
  'a', (SELECT coalesce(json_agg(json_build_object('username', u.username) ORDER BY u.username DESC, u.id), '[]')
          FROM inactive u),
  'b', (SELECT coalesce(json_agg(json_build_object('username', u.username) ORDER BY u.username DESC, u.id), '[]')
          FROM inactive u),
  'c', (SELECT coalesce(json_agg(json_build_object('username', u.username) ORDER BY u.username DESC, u.id), '[]')
          FROM inactive u WHERE u.karma > 0),
  'd', (SELECT coalesce(json_agg(json_build_object('username', u.username) ORDER BY u.username DESC, u.id), '[]')
          FROM tb_user u WHERE left(u.username, 1) = 'o'),
  'e', (SELECT coalesce(json_agg(json_build_object('username', u.username)), '[]')
          FROM tb_user u WHERE u.is_active IS NULL)));
