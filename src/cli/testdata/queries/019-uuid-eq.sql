SELECT json_build_object('data', json_build_object('posts', coalesce(json_agg(
         json_build_object('authorId', p.author_id, 'slug', p.slug) ORDER BY p.slug, p.id), '[]')))
  FROM tb_post p
 WHERE p.author_id = '10000000-0002-86ce-8f67-c1f65724de62';
