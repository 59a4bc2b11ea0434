SELECT json_build_object('data', json_build_object('users', coalesce(json_agg(
         json_build_object('fullName', u.full_name) ORDER BY u.full_name, u.id), '[]')))
  FROM tb_user u
 WHERE strpos(lower(u.full_name), lower('o''BRIEN')) > 0;
