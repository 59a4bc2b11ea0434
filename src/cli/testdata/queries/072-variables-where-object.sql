SELECT json_build_object('data', json_build_object('posts', coalesce(json_agg(
         json_build_object('slug', r.slug, 'viewCount', r.view_count, 'author', json_build_object('username', r.username))
         ORDER BY r.n), '[]')))
  FROM (SELECT p.slug, p.view_count, a.username,
               row_number() OVER (ORDER BY a.username DESC, p.view_count, p.id) AS n
          FROM tb_post p JOIN tb_user a ON a.id = p.author_id
         WHERE (p.status = 'published' OR (p.tags @> ARRAY['rust'] AND NOT p.tags @> ARRAY['devops']))
           AND p.view_count BETWEEN 1000 AND 30000) r
 WHERE r.n BETWEEN 4 AND 13;
