SELECT json_build_object('data', json_build_object(
  'one', (SELECT coalesce(json_agg(json_build_object('id', p.id, 'slug', p.slug)), '[]')
            FROM tb_post p WHERE p.id = '20000000-0022-8b5f-8e02-ebdea0303117'),
  'some', (SELECT coalesce(json_agg(json_build_object('id', p.id) ORDER BY p.id::text DESC), '[]')
             FROM tb_post p
            WHERE p.id IN ('20000000-0012-82c7-89ee-c5a066cf2dae', '20000000-0021-8ce3-87cf-9273e34acdfc',
                           '20000000-ffff-8000-8000-000000000000')),
  'none', (SELECT coalesce(json_agg(json_build_object('id', p.id)), '[]') FROM tb_post p WHERE p.id::text = '42')));
