SELECT json_build_object('data', json_build_object(
  'replies', (SELECT coalesce(json_agg(json_build_object('id', c.id, 'parentId', c.parent_id)
                                       ORDER BY c.created_at DESC, c.id), '[]')
                FROM (SELECT * FROM tb_comment WHERE parent_id IS NOT NULL
                       ORDER BY created_at DESC, id LIMIT 12) c),
  'topLevel', (SELECT coalesce(json_agg(json_build_object('id', c.id, 'parentId', c.parent_id)
                                        ORDER BY c.created_at, c.id), '[]')
                 FROM tb_comment c
                WHERE c.parent_id IS NULL AND c.post_id = '20000000-0022-8b5f-8e02-ebdea0303117')));
