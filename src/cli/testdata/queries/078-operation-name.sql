SELECT json_build_object('data', json_build_object('posts', json_agg(
         json_build_object('score', p.score) ORDER BY p.score DESC, p.id)))
  FROM (SELECT * FROM tb_post ORDER BY score DESC, id LIMIT 2) p;
