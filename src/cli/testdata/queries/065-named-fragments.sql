SELECT json_build_object('data', json_build_object('posts', json_agg(
         json_build_object('title', p.title,
                           'author', json_build_object('username', a.username, 'fullName', a.full_name),
                           'commentCount', (SELECT count(*) FROM tb_comment c WHERE c.post_id = p.id),
                           'viewCount', p.view_count)
         ORDER BY p.view_count DESC, p.id)))
  FROM (SELECT * FROM tb_post ORDER BY view_count DESC, id LIMIT 4) p
  JOIN tb_user a ON a.id = p.author_id;
