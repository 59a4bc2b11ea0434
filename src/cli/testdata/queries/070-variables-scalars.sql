SELECT json_build_object('data', json_build_object(
  'user', (SELECT json_build_object('username', u.username) FROM tb_user u
            WHERE u.id = '10000000-0005-8147-8933-7575a2c779d2'),
  'users', (SELECT coalesce(json_agg(json_build_object('username', u.username, 'karma', u.karma)
                                     ORDER BY u.karma, u.id), '[]')
              FROM tb_user u WHERE left(u.username, 1) = 'm' AND u.karma >= 4000 AND u.is_active),
  'posts', (SELECT coalesce(json_agg(json_build_object('slug', p.slug, 'score', p.score) ORDER BY p.score, p.id), '[]')
              FROM tb_post p
             WHERE p.author_id = '10000000-0002-86ce-8f67-c1f65724de62' AND p.score > 1.5
               AND p.published_at IS DISTINCT FROM '2019-03-09T13:35:55Z'
               AND p.metadata IS DISTINCT FROM '{"source": "editor", "featured": true, "revision": 4, "word_count": 2425}')));
