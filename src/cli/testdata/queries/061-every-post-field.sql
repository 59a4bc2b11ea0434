SELECT json_build_object('data', json_build_object('posts', json_agg(
         json_build_object('updatedAt', blog_internal.iso_time(p.updated_at), 'metadata', p.metadata,
                           'rating', p.rating, 'score', p.score, 'viewCount', p.view_count, 'tags', p.tags,
                           'publishedAt', blog_internal.iso_time(p.published_at), 'status', upper(p.status),
                           'body', p.body, 'slug', p.slug, 'title', p.title, 'authorId', p.author_id,
                           'id', p.id, 'createdAt', blog_internal.iso_time(p.created_at))
         ORDER BY p.id)))
  FROM (SELECT * FROM tb_post ORDER BY id LIMIT 6) p;
