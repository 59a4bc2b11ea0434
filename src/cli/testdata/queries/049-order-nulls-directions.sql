SELECT json_build_object('data', json_build_object(
  'ascNullsFirst', (SELECT json_agg(json_build_object('slug', p.slug, 'rating', p.rating) ORDER BY p.rating ASC NULLS FIRST, p.id)
                      FROM (SELECT * FROM tb_post ORDER BY rating ASC NULLS FIRST, id OFFSET 163 LIMIT 4) p),
  'ascNullsLast', (SELECT json_agg(json_build_object('slug', p.slug, 'rating', p.rating) ORDER BY p.rating ASC NULLS LAST, p.id)
                     FROM (SELECT * FROM tb_post ORDER BY rating ASC NULLS LAST, id OFFSET 414 LIMIT 4) p),
  'descNullsFirst', (SELECT json_agg(json_build_object('slug', p.slug, 'rating', p.rating) ORDER BY p.rating DESC NULLS FIRST, p.id)
                       FROM (SELECT * FROM tb_post ORDER BY rating DESC NULLS FIRST, id OFFSET 163 LIMIT 4) p),
  'descNullsLast', (SELECT json_agg(json_build_object('slug', p.slug, 'rating', p.rating) ORDER BY p.rating DESC NULLS LAST, p.id)
                      FROM (SELECT * FROM tb_post ORDER BY rating DESC NULLS LAST, id OFFSET 414 LIMIT 4) p),
  'asc', (SELECT json_agg(json_build_object('slug', p.slug, 'rating', p.rating) ORDER BY p.rating ASC NULLS LAST, p.id)
            FROM (SELECT * FROM tb_post ORDER BY rating ASC NULLS LAST, id OFFSET 414 LIMIT 4) p),
  'desc', (SELECT json_agg(json_build_object('slug', p.slug, 'rating', p.rating) ORDER BY p.rating DESC NULLS FIRST, p.id)
             FROM (SELECT * FROM tb_post ORDER BY rating DESC NULLS FIRST, id OFFSET 163 LIMIT 4) p)));
