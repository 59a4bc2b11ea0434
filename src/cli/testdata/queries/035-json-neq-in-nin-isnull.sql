SELECT json_build_object('data', json_build_object(
  'none', (SELECT coalesce(json_agg(json_build_object('slug', p.slug, 'metadata', p.metadata)
                                    ORDER BY p.slug, p.id), '[]')
             FROM tb_post p JOIN tb_user a ON a.id = p.author_id
            WHERE p.metadata IS NULL AND left(a.username, 1) = 'w'),
  'listed', (SELECT coalesce(json_agg(json_build_object('slug', p.slug) ORDER BY p.slug, p.id), '[]')
               FROM tb_post p
              WHERE p.metadata IN ('{"source": "api", "featured": false, "revision": 3, "word_count": 1367}'::jsonb,
                                   '{"source": "nowhere"}'::jsonb)),
  'rest', (SELECT coalesce(json_agg(json_build_object('slug', p.slug, 'metadata', p.metadata)
                                    ORDER BY p.slug, p.id), '[]')
             FROM tb_post p JOIN tb_user a ON a.id = p.author_id
            WHERE left(a.username, 1) = 'l'
              AND (p.metadata IS NULL
                   OR p.metadata NOT IN ('{"source": "api", "featured": false, "revision": 3, "word_count": 1367}'::jsonb,
                                         '{"source": "mobile", "featured": false, "revision": 5, "word_count": 2346}'::jsonb)))));
