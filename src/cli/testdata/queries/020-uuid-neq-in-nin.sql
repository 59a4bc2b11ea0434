SELECT json_build_object('data', json_build_object('comments', coalesce(json_agg(
         json_build_object('id', c.id, 'postId', c.post_id, 'authorId', c.author_id)
         ORDER BY c.created_at, c.id), '[]')))
  FROM tb_comment c
 WHERE c.post_id IN ('20000000-0012-82c7-89ee-c5a066cf2dae', '20000000-0022-8b5f-8e02-ebdea0303117')
   AND c.author_id <> '10000000-0011-8616-8bca-d00ce21c7ae9'
   AND c.author_id <> '10000000-0123-8019-82e6-a1f5e07503b8';
