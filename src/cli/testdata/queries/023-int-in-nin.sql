SELECT json_build_object('data', json_build_object('comments', coalesce(json_agg(
         json_build_object('likes', c.likes, 'createdAt', blog_internal.iso_time(c.created_at))
         ORDER BY c.likes DESC, c.created_at, c.id), '[]')))
  FROM (SELECT * FROM tb_comment
         WHERE likes IN (5, 76, 9) AND post_id <> '20000000-0012-82c7-89ee-c5a066cf2dae'
         ORDER BY likes DESC, created_at, id LIMIT 25) c;
