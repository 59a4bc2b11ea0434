SELECT json_build_object('data', json_build_object('posts', json_agg(
         json_build_object('slug', r.slug, 'createdAt', blog_internal.iso_time(r.created_at)) ORDER BY r.n)))
  FROM (SELECT p.*, row_number() OVER (ORDER BY p.created_at DESC, p.id) AS n FROM tb_post p) r
 WHERE r.n BETWEEN 11 AND 20;
