WITH latest AS (
  SELECT u.id, u.username,
         (SELECT coalesce(json_agg(json_build_object('slug', l.slug) ORDER BY l.created_at DESC, l.id DESC), '[]')
            FROM (SELECT * FROM tb_post p WHERE p.author_id = u.id
                   ORDER BY p.created_at DESC, p.id DESC LIMIT 3) l) AS posts,
         EXISTS (SELECT FROM (SELECT * FROM tb_post p WHERE p.author_id = u.id
                               ORDER BY p.created_at DESC, p.id DESC LIMIT 3) l
                  WHERE left(l.slug, 4) = 'why-') AS matches
    FROM tb_user u)
SELECT json_build_object('data', json_build_object('users', coalesce(json_agg(
         json_build_object('username', l.username, 'latestPosts', l.posts) ORDER BY l.username, l.id), '[]')))
  FROM latest l
 WHERE l.matches;
