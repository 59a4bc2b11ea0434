SELECT json_build_object('data', json_build_object('posts', coalesce(json_agg(
         json_build_object('tags', p.tags, 'viewCount', p.view_count) ORDER BY p.view_count DESC, p.id), '[]')))
  FROM tb_post p
 WHERE EXISTS (SELECT FROM unnest(p.tags) t WHERE t IN ('日本語', 'a "quoted" tag'))
   AND p.view_count > 40000;
