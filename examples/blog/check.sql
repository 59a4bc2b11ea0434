-- Self-checks of the blog demo, run after seed.sql (any size):
--   psql -v ON_ERROR_STOP=1 -d blog -f check.sql
-- Each DO block raises an exception naming the first thing that is wrong. Expected values are
-- computed by independent queries over the base tables, not typed in. The generator and
-- mutation checks run in subtransactions that are rolled back, so the data is left as found.

CREATE FUNCTION pg_temp.expect(ok boolean, what text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION 'check failed: %', what;
  END IF;
END
$$;

-- Checks every JSON object produced by objects_sql (one jsonb column): it has exactly the keys
-- of spec, each value's jsonb_typeof is one of the '|'-separated types spec gives for its key,
-- and every type listed occurs somewhere (so nullable keys really are null sometimes).
CREATE FUNCTION pg_temp.expect_shape(what text, objects_sql text, spec jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  l_total bigint;
  l_bad   bigint;
  l_seen  jsonb;
  l_key   text;
  l_type  text;
BEGIN
  -- l_seen: {key: {type: count}} over all objects; a missing key counts as type "missing".
  EXECUTE format($q$
    WITH src(o) AS MATERIALIZED (%s),
    typed AS (
      SELECT s.k, coalesce(jsonb_typeof(src.o -> s.k), 'missing') AS t
        FROM src CROSS JOIN (SELECT jsonb_object_keys($1) AS k) s)
    SELECT (SELECT count(*) FROM src),
           (SELECT count(*) FROM src
             WHERE jsonb_typeof(o) <> 'object'
                OR (SELECT count(*) FROM jsonb_object_keys(o)) <> (SELECT count(*)
                                                                    FROM jsonb_object_keys($1))),
           (SELECT jsonb_object_agg(k, types)
              FROM (SELECT k, jsonb_object_agg(t, n) AS types
                      FROM (SELECT k, t, count(*) AS n FROM typed GROUP BY k, t) c
                     GROUP BY k) g)
    $q$, objects_sql)
    INTO l_total, l_bad, l_seen USING spec;
  PERFORM pg_temp.expect(l_total > 0, what || ': no objects to check');
  FOR l_key IN SELECT jsonb_object_keys(spec) LOOP
    FOR l_type IN SELECT jsonb_object_keys(l_seen -> l_key) LOOP
      PERFORM pg_temp.expect(l_type = ANY (string_to_array(spec ->> l_key, '|')),
                             format('%s: key %s has type %s in %s objects, expected %s', what,
                                    l_key, l_type, l_seen -> l_key ->> l_type, spec ->> l_key));
    END LOOP;
    FOREACH l_type IN ARRAY string_to_array(spec ->> l_key, '|') LOOP
      PERFORM pg_temp.expect(l_seen -> l_key ? l_type,
                             format('%s: key %s is never %s', what, l_key, l_type));
    END LOOP;
  END LOOP;
  PERFORM pg_temp.expect(l_bad = 0, format('%s: %s of %s objects have other keys than %s', what,
                                           l_bad, l_total, spec));
END
$$;

-- md5 of everything a client can read, for the determinism check.
CREATE FUNCTION pg_temp.fingerprint() RETURNS text
LANGUAGE sql AS $$
  SELECT md5(concat_ws('|',
    (SELECT string_agg(id || data::text, ',' ORDER BY id) FROM v_user),
    (SELECT string_agg(id || data::text, ',' ORDER BY id) FROM v_post),
    (SELECT string_agg(id || data::text, ',' ORDER BY id) FROM v_comment),
    (SELECT string_agg(id || data::text, ',' ORDER BY id) FROM tv_user),
    (SELECT string_agg(id || data::text, ',' ORDER BY id) FROM tv_post)))
$$;

-- The views read once, as a client sees them; the checks below read these copies (an
-- expression over a view's data recomputes the whole object at each mention).
CREATE TEMP TABLE seen_user AS SELECT * FROM v_user;
CREATE TEMP TABLE seen_post AS SELECT * FROM v_post;
CREATE TEMP TABLE seen_comment AS SELECT * FROM v_comment;
ANALYZE seen_user, seen_post, seen_comment;

-- Row counts and the generator's distribution.
DO $$
DECLARE
  l_users bigint := (SELECT count(*) FROM tb_user);
  l_posts bigint := (SELECT count(*) FROM tb_post);
  l_comments bigint := (SELECT count(*) FROM tb_comment);
BEGIN
  PERFORM pg_temp.expect(l_users >= 1000, 'seeded with at least 1000 users');
  PERFORM pg_temp.expect((SELECT count(*) FROM seen_user) = l_users, 'v_user has a row per user');
  PERFORM pg_temp.expect((SELECT count(*) FROM tv_user) = l_users, 'tv_user has a row per user');
  PERFORM pg_temp.expect((SELECT count(*) FROM seen_post) = l_posts, 'v_post has a row per post');
  PERFORM pg_temp.expect((SELECT count(*) FROM tv_post) = l_posts, 'tv_post has a row per post');
  PERFORM pg_temp.expect((SELECT count(*) FROM seen_comment) = l_comments,
                         'v_comment has a row per comment');
  PERFORM pg_temp.expect(l_posts::float8 / l_users BETWEEN 1.5 AND 2.5,
                         'a few posts per user on average');
  PERFORM pg_temp.expect(
    l_comments::float8 / (SELECT count(*) FROM tb_post WHERE status <> 'draft') BETWEEN 2 AND 3.5,
    'a few comments per published post on average');
  PERFORM pg_temp.expect(
    (SELECT count(DISTINCT n) FROM (SELECT count(p.id) n FROM tb_user u
                                      LEFT JOIN tb_post p ON p.author_id = u.id
                                     GROUP BY u.id) x) >= 5,
    'post counts per user vary, from zero');
  PERFORM pg_temp.expect(
    (SELECT count(DISTINCT n) FROM (SELECT count(c.id) n FROM tb_post p
                                      LEFT JOIN tb_comment c ON c.post_id = p.id
                                     GROUP BY p.id) x) >= 6,
    'comment counts per post vary, from zero');
  PERFORM pg_temp.expect(
    (SELECT array_agg(DISTINCT cardinality(tags) ORDER BY cardinality(tags)) FROM tb_post)
      = '{0,1,2,3,4,5}', 'tags arrays have 0 to 5 elements');
  PERFORM pg_temp.expect(NOT EXISTS (SELECT FROM tb_post
                                      WHERE cardinality(tags) <> (SELECT count(DISTINCT t)
                                                                    FROM unnest(tags) t)),
                         'a post has no duplicate tags');
END
$$;

-- Shapes of data: keys, JSON types, and that every nullable key is null somewhere.
DO $$
DECLARE
  l_author jsonb := '{"id": "string", "username": "string", "full_name": "string",
                      "avatar_url": "string|null"}';
  l_comment jsonb := '{"id": "string", "parent_id": "string|null", "body": "string",
                       "likes": "number", "created_at": "string", "edited_at": "string|null",
                       "author": "object"}';
BEGIN
  PERFORM pg_temp.expect_shape('v_user', 'SELECT data FROM seen_user',
    '{"id": "string", "email": "string", "username": "string", "full_name": "string",
      "bio": "string|null", "avatar_url": "string|null", "role": "string",
      "is_active": "boolean", "karma": "number", "created_at": "string",
      "last_login_at": "string|null", "post_count": "number", "latest_posts": "array"}');
  PERFORM pg_temp.expect_shape('v_user.latest_posts[]',
    'SELECT e FROM seen_user, jsonb_array_elements(data -> ''latest_posts'') e',
    '{"id": "string", "title": "string", "slug": "string", "published_at": "string|null"}');
  PERFORM pg_temp.expect_shape('v_post', 'SELECT data FROM seen_post',
    '{"id": "string", "author_id": "string", "title": "string", "slug": "string",
      "body": "string", "status": "string", "published_at": "string|null", "tags": "array",
      "view_count": "number", "score": "number", "rating": "number|null",
      "metadata": "object|null", "created_at": "string", "updated_at": "string",
      "author": "object", "comment_count": "number", "comments": "array"}');
  PERFORM pg_temp.expect_shape('v_post.author', 'SELECT data -> ''author'' FROM seen_post',
                               l_author);
  PERFORM pg_temp.expect_shape('v_post.comments[]',
    'SELECT e FROM seen_post, jsonb_array_elements(data -> ''comments'') e', l_comment);
  PERFORM pg_temp.expect_shape('v_post.comments[].author',
    'SELECT e -> ''author'' FROM seen_post, jsonb_array_elements(data -> ''comments'') e',
    l_author);
  PERFORM pg_temp.expect_shape('v_post.tags[]',
    'SELECT jsonb_build_object(''tag'', t) FROM seen_post, jsonb_array_elements(data -> ''tags'') t',
    '{"tag": "string"}');
  PERFORM pg_temp.expect_shape('v_comment', 'SELECT data FROM seen_comment',
                               l_comment || '{"post_id": "string", "author_id": "string",
                                              "post": "object"}');
  PERFORM pg_temp.expect_shape('v_comment.author', 'SELECT data -> ''author'' FROM seen_comment',
                               l_author);
  -- Comments exist only on published (or archived) posts.
  PERFORM pg_temp.expect_shape('v_comment.post', 'SELECT data -> ''post'' FROM seen_comment',
    '{"id": "string", "title": "string", "slug": "string", "published_at": "string"}');
END
$$;

-- Values: ids, real columns, embedded aggregates and orders against the base tables.
DO $$
BEGIN
  PERFORM pg_temp.expect(NOT EXISTS (
    SELECT FROM seen_user WHERE data ->> 'id' <> id::text OR data ->> 'email' <> email
                          OR data ->> 'username' <> username
                          OR (data ->> 'created_at')::timestamptz
                             <> date_trunc('milliseconds', created_at)),
    'v_user columns match data');
  PERFORM pg_temp.expect(NOT EXISTS (
    SELECT FROM seen_post WHERE data ->> 'id' <> id::text OR data ->> 'author_id' <> author_id::text
                          OR data -> 'author' ->> 'id' <> author_id::text
                          OR (data ->> 'published_at')::timestamptz
                             IS DISTINCT FROM date_trunc('milliseconds', published_at)
                          OR (data ->> 'created_at')::timestamptz
                             <> date_trunc('milliseconds', created_at)),
    'v_post columns match data');
  PERFORM pg_temp.expect(NOT EXISTS (
    SELECT FROM seen_comment WHERE data ->> 'id' <> id::text OR data ->> 'post_id' <> post_id::text
                             OR data -> 'post' ->> 'id' <> post_id::text
                             OR data -> 'author' ->> 'id' <> author_id::text
                             OR data ->> 'parent_id' IS DISTINCT FROM parent_id::text),
    'v_comment columns match data');
  PERFORM pg_temp.expect(NOT EXISTS (
    SELECT FROM (SELECT data ->> 'created_at' FROM seen_user UNION ALL
                 SELECT data ->> 'published_at' FROM seen_post UNION ALL
                 SELECT data ->> 'edited_at' FROM seen_comment) t(ts)
     WHERE ts !~ '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$'),
    'timestamps are RFC 3339 UTC with milliseconds');

  PERFORM pg_temp.expect(NOT EXISTS (
    SELECT FROM seen_user v
      LEFT JOIN (SELECT author_id, count(*) AS n FROM tb_post GROUP BY author_id) p
        ON p.author_id = v.id
     WHERE (v.data -> 'post_count')::bigint <> coalesce(p.n, 0)),
    'post_count counts the user''s posts');
  PERFORM pg_temp.expect(NOT EXISTS (
    SELECT FROM seen_user v
      LEFT JOIN (SELECT author_id, array_agg(id::text ORDER BY rank) AS ids
                   FROM (SELECT author_id, id, row_number() OVER (
                                 PARTITION BY author_id ORDER BY created_at DESC, id DESC) AS rank
                           FROM tb_post) r
                  WHERE rank <= 3 GROUP BY author_id) p ON p.author_id = v.id
     WHERE ARRAY(SELECT e ->> 'id' FROM jsonb_array_elements(v.data -> 'latest_posts')
                   WITH ORDINALITY AS x(e, i) ORDER BY i)
           <> coalesce(p.ids, '{}')),
    'latest_posts are the user''s three newest posts, newest first');
  PERFORM pg_temp.expect(NOT EXISTS (
    SELECT FROM seen_post v
      LEFT JOIN (SELECT post_id, array_agg(id::text ORDER BY created_at, id) AS ids
                   FROM tb_comment GROUP BY post_id) c ON c.post_id = v.id
     WHERE ARRAY(SELECT e ->> 'id' FROM jsonb_array_elements(v.data -> 'comments')
                   WITH ORDINALITY AS x(e, i) ORDER BY i)
           <> coalesce(c.ids, '{}')
        OR (v.data -> 'comment_count')::bigint <> cardinality(coalesce(c.ids, '{}'))),
    'comments are the post''s comments, oldest first, and comment_count counts them');
  PERFORM pg_temp.expect(NOT EXISTS (
    SELECT FROM tb_comment r JOIN tb_comment c ON c.id = r.parent_id
     WHERE c.post_id <> r.post_id OR c.created_at >= r.created_at),
    'a reply answers an earlier comment of the same post');
  PERFORM pg_temp.expect(EXISTS (SELECT FROM tb_comment WHERE parent_id IS NOT NULL),
                         'some comments are replies');

  PERFORM pg_temp.expect(
    (SELECT array_agg(DISTINCT data ->> 'role' ORDER BY data ->> 'role') FROM seen_user)
      = '{ADMIN,AUTHOR,EDITOR,READER}', 'every UserRole value occurs');
  PERFORM pg_temp.expect(
    (SELECT array_agg(DISTINCT data ->> 'status' ORDER BY data ->> 'status') FROM seen_post)
      = '{ARCHIVED,DRAFT,PUBLISHED}', 'every PostStatus value occurs');
  PERFORM pg_temp.expect(NOT EXISTS (SELECT FROM seen_post
                                      WHERE (data ->> 'status' = 'DRAFT')
                                            <> (data -> 'published_at' = 'null')),
                         'exactly the drafts have no published_at');
  -- Numbers a JSON writer must pass through verbatim.
  PERFORM pg_temp.expect(EXISTS (SELECT FROM seen_post WHERE data ->> 'rating' ~ '^\d\.\d0$'),
                         'a numeric rating with a trailing zero (4.50)');
  PERFORM pg_temp.expect(EXISTS (SELECT FROM seen_post WHERE length(data ->> 'score') >= 15),
                         'a float score with many digits');
  PERFORM pg_temp.expect(EXISTS (SELECT FROM seen_user WHERE (data ->> 'karma')::int < 0),
                         'a negative karma');
  PERFORM pg_temp.expect(EXISTS (SELECT FROM seen_post WHERE data -> 'metadata' ? 'word_count'),
                         'metadata has snake_case keys (JSON scalars are not renamed)');

  PERFORM pg_temp.expect(NOT EXISTS (
    SELECT FROM seen_user v FULL JOIN tv_user t USING (id)
     WHERE (v.email, v.username, v.created_at, v.data)
           IS DISTINCT FROM (t.email, t.username, t.created_at, t.data)),
    'tv_user holds the rows of v_user');
  PERFORM pg_temp.expect(NOT EXISTS (
    SELECT FROM seen_post v FULL JOIN tv_post t USING (id)
     WHERE (v.author_id, v.published_at, v.created_at, v.data)
           IS DISTINCT FROM (t.author_id, t.published_at, t.created_at, t.data)),
    'tv_post holds the rows of v_post');
END
$$;

-- The text a JSON pipeline must get right, in the data and escaped in its JSON text.
DO $$
DECLARE
  l_case record;
BEGIN
  FOR l_case IN
    SELECT * FROM (VALUES
      ('double quote', 'SELECT data ->> ''title'' FROM seen_post', '"'),
      ('apostrophe in a name', 'SELECT data ->> ''full_name'' FROM seen_user', ''''),
      ('double quote in a name', 'SELECT data ->> ''full_name'' FROM seen_user', '"'),
      ('backslash', 'SELECT data ->> ''body'' FROM seen_post', '\\'),
      ('newline', 'SELECT data ->> ''body'' FROM seen_comment', E'\n'),
      ('tab', 'SELECT data ->> ''body'' FROM seen_comment', E'\t'),
      ('CR LF', 'SELECT data ->> ''bio'' FROM seen_user', E'\r\n'),
      ('control characters', 'SELECT data ->> ''body'' FROM seen_post', E'[\x01\x1f\f]'),
      ('accents', 'SELECT data ->> ''full_name'' FROM seen_user', '[éëøöüñ]'),
      ('CJK', 'SELECT data ->> ''body'' FROM seen_post', '[一-鿿]'),
      ('Hangul', 'SELECT data ->> ''body'' FROM seen_comment', '[가-힣]'),
      ('Arabic', 'SELECT data ->> ''body'' FROM seen_comment', '[؀-ۿ]'),
      ('emoji', 'SELECT data ->> ''body'' FROM seen_comment', '[🌀-🫿]'),
      ('emoji ZWJ sequence', 'SELECT data ->> ''body'' FROM seen_post', '👨‍👩‍👧'),
      ('emoji skin tone', 'SELECT data ->> ''body'' FROM seen_post', '👍🏽'),
      ('emoji in a title', 'SELECT data ->> ''title'' FROM seen_post', '[🌀-🫿]'),
      ('emoji in a tag', 'SELECT t FROM tb_post, unnest(tags) t', '[🌀-🫿]'),
      ('quote in a tag', 'SELECT t FROM tb_post, unnest(tags) t', '"'),
      ('HTML', 'SELECT data ->> ''body'' FROM seen_post', '</script>'),
      ('escaped quote in JSON', 'SELECT data::text FROM seen_post', '\\"'),
      ('escaped backslash in JSON', 'SELECT data::text FROM seen_post', '\\\\'),
      ('escaped newline in JSON', 'SELECT data::text FROM seen_post', '\\n'),
      ('escaped control character in JSON', 'SELECT data::text FROM seen_post', '\\u0001'))
      AS c(what, sql, pattern)
  LOOP
    EXECUTE format('SELECT pg_temp.expect(EXISTS (SELECT FROM (%s) s(t) WHERE t ~ $1), $2)',
                   l_case.sql)
      USING l_case.pattern, 'special text present: ' || l_case.what;
  END LOOP;
END
$$;

-- The generator is deterministic: twice the same size gives the same bytes, whatever the
-- session's time zone. Rolled back, restoring the seeded data.
DO $$
DECLARE
  l_first text;
BEGIN
  BEGIN
    PERFORM fn_generate_blog(300);
    l_first := pg_temp.fingerprint();
    PERFORM set_config('TimeZone', 'Pacific/Chatham', true);
    PERFORM fn_generate_blog(300);
    PERFORM pg_temp.expect(pg_temp.fingerprint() = l_first,
                           'fn_generate_blog(300) twice gives identical data');
    PERFORM pg_temp.expect((SELECT count(*) FROM tb_user) = 300, 'the generator replaced the data');
    RAISE EXCEPTION USING ERRCODE = 'BLGRB', MESSAGE = 'roll back';
  EXCEPTION WHEN SQLSTATE 'BLGRB' THEN
    NULL;
  END;
END
$$;

-- Mutations: each status class, the response shapes and the table views kept in sync.
-- Rolled back.
DO $$
DECLARE
  l_r        mutation_response;
  l_statuses text[] := '{}';
  l_user     tb_user := (SELECT u FROM tb_user u ORDER BY id LIMIT 1);
  l_post     tb_post := (SELECT p FROM tb_post p WHERE status = 'published' ORDER BY id LIMIT 1);
  l_archived uuid := (SELECT id FROM tb_post WHERE status = 'archived' ORDER BY id LIMIT 1);
  l_comment  tb_comment := (
    SELECT c FROM tb_comment c
     WHERE EXISTS (SELECT FROM tb_comment r WHERE r.parent_id = c.id) ORDER BY id LIMIT 1);
  l_replies  jsonb;
  l_error    text;
BEGIN
  BEGIN
    -- fn_create_user
    l_r := fn_create_user('{"email": " New.User@Example.com ", "username": "new_user",
                             "full_name": "Zoë \"Z\" Ngô", "role": "AUTHOR"}');
    l_statuses := l_statuses || l_r.status;
    PERFORM pg_temp.expect(l_r.status = 'created' AND l_r.entity_type = 'User',
                           'create_user: created, ' || l_r.status);
    PERFORM pg_temp.expect(l_r.entity = (SELECT data FROM v_user WHERE id = l_r.entity_id::uuid),
                           'create_user: entity is the v_user row');
    PERFORM pg_temp.expect(l_r.entity ->> 'email' = 'new.user@example.com'
                           AND l_r.entity ->> 'role' = 'AUTHOR'
                           AND l_r.entity -> 'latest_posts' = '[]',
                           'create_user: normalised email, role, no posts');
    PERFORM pg_temp.expect((SELECT data FROM tv_user WHERE id = l_r.entity_id::uuid) = l_r.entity,
                           'create_user: tv_user synced');

    l_r := fn_create_user(jsonb_build_object('email', upper(l_user.email), 'username', 'other_name',
                                             'full_name', 'Dup'));
    l_statuses := l_statuses || l_r.status;
    PERFORM pg_temp.expect(l_r.status = 'conflict:duplicate' AND l_r.entity IS NULL
                           AND l_r.metadata -> 'code' = '409'
                           AND l_r.metadata -> 'errors' = '[{"field": "email", "code": "duplicate",
                                 "message": "email is already registered"}]',
                           'create_user: duplicate email is a conflict, ' || l_r.metadata::text);
    l_r := fn_create_user(jsonb_build_object('email', l_user.email, 'username', l_user.username,
                                             'full_name', 'Dup'));
    PERFORM pg_temp.expect(jsonb_array_length(l_r.metadata -> 'errors') = 2,
                           'create_user: both duplicates reported');

    l_r := fn_create_user('{"email": "nope", "username": "A!", "bio": 7, "extra": 1}');
    l_statuses := l_statuses || l_r.status;
    PERFORM pg_temp.expect(
      l_r.status = 'validation:invalid_input' AND l_r.metadata -> 'code' = '422'
      AND (SELECT array_agg(e ->> 'field' || ':' || (e ->> 'code') ORDER BY e ->> 'field')
             FROM jsonb_array_elements(l_r.metadata -> 'errors') e)
          = '{bio:invalid_type,email:invalid_format,extra:unknown_field,full_name:required,username:invalid_format}',
      'create_user: every invalid field reported, ' || l_r.metadata::text);
    l_r := fn_create_user('[1, 2]');
    PERFORM pg_temp.expect(l_r.status = 'validation:invalid_input', 'create_user: array input');
    l_r := fn_create_user(NULL);
    PERFORM pg_temp.expect(l_r.status = 'validation:invalid_input', 'create_user: null input');

    -- fn_update_post
    l_r := fn_update_post(jsonb_build_object('id', l_post.id, 'title', l_post.title || ' (v2)',
                                             'tags', '["c++", "日本語"]'::jsonb,
                                             'metadata', NULL, 'status', 'PUBLISHED'));
    l_statuses := l_statuses || l_r.status;
    PERFORM pg_temp.expect(l_r.status = 'updated' AND l_r.entity_type = 'Post'
                           AND l_r.entity_id = l_post.id::text,
                           'update_post: updated, ' || l_r.status);
    PERFORM pg_temp.expect(
      l_r.updated_fields = ARRAY['title', 'tags']
                           || CASE WHEN l_post.metadata IS NOT NULL THEN ARRAY['metadata'] END,
      'update_post: updated_fields are the changed keys, ' || l_r.updated_fields::text);
    PERFORM pg_temp.expect(l_r.entity = (SELECT data FROM v_post WHERE id = l_post.id)
                           AND l_r.entity ->> 'title' = l_post.title || ' (v2)'
                           AND l_r.entity -> 'tags' = '["c++", "日本語"]',
                           'update_post: entity is the updated v_post row');
    PERFORM pg_temp.expect((SELECT data FROM tv_post WHERE id = l_post.id) = l_r.entity,
                           'update_post: tv_post synced');
    PERFORM pg_temp.expect((SELECT data FROM tv_user WHERE id = l_post.author_id)
                           = (SELECT data FROM v_user WHERE id = l_post.author_id),
                           'update_post: the author''s tv_user row synced');

    l_r := fn_update_post(jsonb_build_object('id', l_post.id, 'title', l_post.title || ' (v2)'));
    l_statuses := l_statuses || l_r.status;
    PERFORM pg_temp.expect(l_r.status = 'noop:no_changes' AND l_r.updated_fields = '{}'
                           AND l_r.entity ->> 'id' = l_post.id::text,
                           'update_post: same values are a noop, ' || l_r.status);

    l_r := fn_update_post(jsonb_build_object('id', l_post.id, 'status', 'draft'));
    PERFORM pg_temp.expect(l_r.updated_fields = '{status,published_at}'
                           AND l_r.entity -> 'published_at' = 'null',
                           'update_post: back to draft clears published_at');
    l_r := fn_update_post(jsonb_build_object('id', l_post.id, 'status', 'PUBLISHED'));
    PERFORM pg_temp.expect((l_r.entity ->> 'published_at')::timestamptz
                           = date_trunc('milliseconds', now()),
                           'update_post: publishing sets published_at to now');

    l_r := fn_update_post(jsonb_build_object('id', gen_random_uuid(), 'title', 'x'));
    l_statuses := l_statuses || l_r.status;
    PERFORM pg_temp.expect(l_r.status = 'not_found:post' AND l_r.metadata -> 'code' = '404',
                           'update_post: unknown id, ' || l_r.status);
    l_r := fn_update_post('{"id": "not-a-uuid"}');
    PERFORM pg_temp.expect(l_r.status = 'validation:invalid_id', 'update_post: malformed id');
    l_r := fn_update_post(jsonb_build_object('id', l_post.id, 'title', '  ', 'status', 'gone',
                                             'tags', '[1]'::jsonb, 'metadata', '[]'::jsonb));
    PERFORM pg_temp.expect(
      (SELECT array_agg(e ->> 'field' ORDER BY e ->> 'field')
         FROM jsonb_array_elements(l_r.metadata -> 'errors') e)
        = '{metadata,status,tags,title}',
      'update_post: every invalid field reported, ' || l_r.metadata::text);
    l_r := fn_update_post(jsonb_build_object('id', l_archived, 'body', 'new body'));
    l_statuses := l_statuses || l_r.status;
    PERFORM pg_temp.expect(l_r.status = 'conflict:archived'
                           AND (SELECT body FROM tb_post WHERE id = l_archived) <> 'new body',
                           'update_post: an archived post is read-only, ' || l_r.status);

    -- fn_delete_comment
    WITH RECURSIVE reply (id) AS (
      SELECT id FROM tb_comment WHERE parent_id = l_comment.id
      UNION ALL
      SELECT c.id FROM tb_comment c JOIN reply r ON c.parent_id = r.id)
    SELECT jsonb_agg(jsonb_build_object('__typename', 'Comment', 'id', id) ORDER BY id)
      INTO l_replies FROM reply;
    l_r := fn_delete_comment(jsonb_build_object('id', l_comment.id));
    l_statuses := l_statuses || l_r.status;
    PERFORM pg_temp.expect(l_r.status = 'deleted' AND l_r.entity ->> 'id' = l_comment.id::text
                           AND l_r.entity -> 'post' ->> 'id' = l_comment.post_id::text,
                           'delete_comment: deleted, entity is the comment, ' || l_r.status);
    PERFORM pg_temp.expect(l_r.cascade -> 'deleted' = l_replies
                           AND l_r.cascade -> 'updated'
                               = jsonb_build_array(jsonb_build_object(
                                   '__typename', 'Post', 'id', l_comment.post_id)),
                           'delete_comment: cascade lists the replies and the post');
    PERFORM pg_temp.expect(NOT EXISTS (SELECT FROM tb_comment
                                        WHERE id IN (SELECT (e ->> 'id')::uuid
                                                       FROM jsonb_array_elements(l_replies) e)
                                           OR id = l_comment.id),
                           'delete_comment: the comment and its replies are gone');
    PERFORM pg_temp.expect((SELECT data FROM tv_post WHERE id = l_comment.post_id)
                           = (SELECT data FROM v_post WHERE id = l_comment.post_id),
                           'delete_comment: tv_post synced');
    l_r := fn_delete_comment(jsonb_build_object('id', l_comment.id));
    l_statuses := l_statuses || l_r.status;
    PERFORM pg_temp.expect(l_r.status = 'not_found:comment', 'delete_comment: twice');

    -- fn_increment_counter
    l_r := fn_increment_counter('{"name": "check"}');
    l_statuses := l_statuses || l_r.status;
    PERFORM pg_temp.expect(l_r.status = 'created' AND l_r.entity -> 'value' = '1',
                           'increment_counter: created at 1');
    l_r := fn_increment_counter('{"name": "check", "by": 41}');
    l_statuses := l_statuses || l_r.status;
    PERFORM pg_temp.expect(l_r.status = 'updated' AND l_r.entity -> 'value' = '42'
                           AND l_r.entity = (SELECT data FROM v_counter WHERE id = 'check'),
                           'increment_counter: updated to 42');
    PERFORM pg_temp.expect_shape('v_counter', 'SELECT data FROM v_counter',
      '{"id": "string", "name": "string", "value": "number", "updated_at": "string"}');
    l_r := fn_increment_counter('{"name": "check", "by": 0}');
    PERFORM pg_temp.expect(l_r.status = 'noop:zero_increment' AND l_r.entity -> 'value' = '42',
                           'increment_counter: by 0 is a noop');
    l_r := fn_increment_counter('{"name": "check", "by": 1.5}');
    PERFORM pg_temp.expect(l_r.status = 'validation:invalid_input',
                           'increment_counter: fractional by');
    l_r := fn_increment_counter('{"by": "1"}');
    PERFORM pg_temp.expect(
      (SELECT array_agg(e ->> 'field' ORDER BY e ->> 'field')
         FROM jsonb_array_elements(l_r.metadata -> 'errors') e) = '{by,name}',
      'increment_counter: missing name and string by');
    l_r := fn_increment_counter('{"name": "check", "by": 1000001}');
    PERFORM pg_temp.expect(l_r.status = 'validation:invalid_input',
                           'increment_counter: by beyond its limit');
    UPDATE tb_counter SET value = 2147483000 WHERE name = 'check';
    l_r := fn_increment_counter('{"name": "check", "by": 1000}');
    l_statuses := l_statuses || l_r.status;
    PERFORM pg_temp.expect(l_r.status = 'conflict:out_of_range'
                           AND (SELECT value FROM tb_counter WHERE name = 'check') = 2147483000,
                           'increment_counter: overflow is a conflict and changes nothing');

    PERFORM pg_temp.expect(
      (SELECT array_agg(DISTINCT split_part(s, ':', 1) ORDER BY split_part(s, ':', 1))
         FROM unnest(l_statuses) s)
        = '{conflict,created,deleted,noop,not_found,updated,validation}',
      'every status class occurred: ' || l_statuses::text);
    RAISE EXCEPTION USING ERRCODE = 'BLGRB', MESSAGE = 'roll back';
  EXCEPTION WHEN SQLSTATE 'BLGRB' THEN
    NULL;
  END;
END
$$;

SELECT 'check.sql: all checks passed' AS result;
