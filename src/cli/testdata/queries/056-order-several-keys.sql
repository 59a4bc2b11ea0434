SELECT json_build_object('data', json_build_object('posts', coalesce(json_agg(
         json_build_object('status', upper(p.status), 'viewCount', p.view_count, 'commentCount', p.n, 'slug', p.slug)
         ORDER BY upper(p.status) DESC, p.view_count DESC, p.n, p.slug, p.id), '[]')))
  FROM (SELECT p.*, (SELECT count(*) FROM tb_comment c WHERE c.post_id = p.id) AS n FROM tb_post p) p
 WHERE p.view_count < 3000;
