SELECT json_build_object('data', json_build_object('posts', coalesce(json_agg(
         json_build_object('title', p.title) ORDER BY p.title DESC, p.id), '[]')))
  FROM tb_post p
 WHERE right(p.title, 9) = 'Worth It?';
