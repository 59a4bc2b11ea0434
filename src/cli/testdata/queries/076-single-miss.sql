SELECT json_build_object('data', json_build_object(
  'post', (SELECT json_build_object('id', p.id) FROM tb_post p WHERE p.id = '20000000-ffff-8fff-8fff-ffffffffffff'),
  'user', (SELECT json_build_object('id', u.id) FROM tb_user u WHERE u.id::text = 'not-a-uuid'),
  'comment', (SELECT json_build_object('id', c.id) FROM tb_comment c WHERE c.id = '10000000-0003-8ad7-865f-6f9ea8b5b8fc'),
  'counter', (SELECT json_build_object('value', k.value) FROM tb_counter k WHERE k.name = 'visits')));
