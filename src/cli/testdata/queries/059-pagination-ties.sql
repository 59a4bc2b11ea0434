WITH ranked AS (SELECT c.id, c.likes, row_number() OVER (ORDER BY c.likes, c.id) AS n FROM tb_comment c)
SELECT json_build_object('data', json_build_object(
  'page1', (SELECT json_agg(json_build_object('id', r.id, 'likes', r.likes) ORDER BY r.n) FROM ranked r WHERE r.n BETWEEN 1 AND 10),
  'page2', (SELECT json_agg(json_build_object('id', r.id, 'likes', r.likes) ORDER BY r.n) FROM ranked r WHERE r.n BETWEEN 11 AND 20),
  'page3', (SELECT json_agg(json_build_object('id', r.id, 'likes', r.likes) ORDER BY r.n) FROM ranked r WHERE r.n BETWEEN 21 AND 30)));
