SELECT json_build_object('data', json_build_object('posts', coalesce(json_agg(
         json_build_object('slug', p.slug, 'status', upper(p.status), 'score', p.score, 'rating', p.rating)
         ORDER BY p.score DESC, p.id), '[]')))
  FROM tb_post p JOIN tb_user a ON a.id = p.author_id
 WHERE (p.status = 'draft' AND left(a.username, 1) = 'b')
    OR (p.score > 90 AND p.rating IS NOT NULL);
