SELECT json_build_object('data', json_build_object(
  'asc', (SELECT json_agg(json_build_object('slug', p.slug, 'publishedAt', blog_internal.iso_time(p.published_at))
                          ORDER BY p.published_at ASC NULLS LAST, p.id)
            FROM (SELECT * FROM tb_post ORDER BY published_at ASC NULLS LAST, id OFFSET 498 LIMIT 4) p),
  'desc', (SELECT json_agg(json_build_object('slug', p.slug, 'publishedAt', blog_internal.iso_time(p.published_at))
                           ORDER BY p.published_at DESC NULLS FIRST, p.id)
             FROM (SELECT * FROM tb_post ORDER BY published_at DESC NULLS FIRST, id OFFSET 78 LIMIT 4) p),
  'ascNullsFirst', (SELECT json_agg(json_build_object('slug', p.slug, 'publishedAt', blog_internal.iso_time(p.published_at))
                                    ORDER BY p.published_at ASC NULLS FIRST, p.id)
                      FROM (SELECT * FROM tb_post ORDER BY published_at ASC NULLS FIRST, id LIMIT 2) p),
  'descNullsLast', (SELECT json_agg(json_build_object('slug', p.slug, 'publishedAt', blog_internal.iso_time(p.published_at))
                                    ORDER BY p.published_at DESC NULLS LAST, p.id)
                      FROM (SELECT * FROM tb_post ORDER BY published_at DESC NULLS LAST, id LIMIT 2) p)));
