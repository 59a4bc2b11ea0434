SELECT json_build_object('data', json_build_object('posts', coalesce(json_agg(
         json_build_object('slug', p.slug, 'metadata', p.metadata) ORDER BY p.slug, p.id), '[]')))
  FROM tb_post p
 WHERE p.metadata = '{"source": "api", "featured": false, "revision": 3, "word_count": 1367}'::jsonb;
