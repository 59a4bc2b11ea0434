SELECT json_build_object('data', json_build_object(
  'percent', (SELECT coalesce(json_agg(json_build_object('title', p.title) ORDER BY p.title, p.id), '[]')
                FROM tb_post p WHERE strpos(p.title, '0% ') > 0),
  'underscore', (SELECT coalesce(json_agg(json_build_object('title', p.title) ORDER BY p.title, p.id), '[]')
                   FROM tb_post p WHERE strpos(p.title, 'o_u') > 0)));
