SELECT json_build_object('data', json_build_object('posts', coalesce(json_agg(
         json_build_object('title', p.title) ORDER BY p.title, p.id), '[]')))
  FROM tb_post p
 WHERE left(p.title, 4) = 'Why ';
