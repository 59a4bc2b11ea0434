SELECT json_build_object('data', json_build_object('comments', coalesce(json_agg(
         json_build_object('id', c.id, 'likes', c.likes) ORDER BY c.likes DESC, c.created_at DESC, c.id), '[]')))
  FROM tb_comment c JOIN tb_user a ON a.id = c.author_id
 WHERE left(a.username, 1) = 'k' AND c.likes >= 10
   AND c.id NOT IN ('30000000-0121-8a32-8716-d824c6dbafe5');
