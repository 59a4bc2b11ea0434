-- Sluice demo database: a blog (users, posts, comments, counters) in FraiseQL's conventions.
--
--   tb_*  base tables            v_*  read views: id, a few real columns, data jsonb
--   tv_*  stored copies of v_*   fn_* mutations taking jsonb, returning mutation_response
--
-- Load into an empty database (plain SQL, no psql meta-commands, so libpq's PQexec can run it):
--   psql -v ON_ERROR_STOP=1 -d blog -f schema.sql
-- Everything that is not part of the public contract lives in schema blog_internal.
--
-- JSON conventions in data: snake_case keys; timestamps as RFC 3339 UTC text with milliseconds
-- ("2021-03-04T05:06:07.000Z", independent of the session's TimeZone); enum-like columns
-- (role, status) in upper case so they are GraphQL enum values; uuids as canonical text.

BEGIN;

CREATE SCHEMA blog_internal;

-- ---------------------------------------------------------------------------------------------
-- Base tables
-- ---------------------------------------------------------------------------------------------

CREATE TABLE tb_user (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text        NOT NULL CHECK (email = lower(email) AND length(email) <= 254),
  username      text        NOT NULL CHECK (username ~ '^[a-z0-9_]{3,30}$'),
  full_name     text        NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
  bio           text        CHECK (length(bio) <= 2000),
  avatar_url    text        CHECK (avatar_url LIKE 'https://%'),
  role          text        NOT NULL DEFAULT 'reader'
                            CHECK (role IN ('reader', 'author', 'editor', 'admin')),
  is_active     boolean     NOT NULL DEFAULT true,
  karma         integer     NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz
);
CREATE UNIQUE INDEX tb_user_email_key ON tb_user (email);
CREATE UNIQUE INDEX tb_user_username_key ON tb_user (username);
CREATE INDEX tb_user_created_at_idx ON tb_user (created_at);

CREATE TABLE tb_post (
  id           uuid             PRIMARY KEY DEFAULT gen_random_uuid(),
  author_id    uuid             NOT NULL REFERENCES tb_user (id) ON DELETE CASCADE,
  title        text             NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  slug         text             NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  body         text             NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
  status       text             NOT NULL DEFAULT 'draft'
                                CHECK (status IN ('draft', 'published', 'archived')),
  published_at timestamptz,
  tags         text[]           NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 10),
  view_count   integer          NOT NULL DEFAULT 0 CHECK (view_count >= 0),
  score        double precision NOT NULL DEFAULT 0,
  rating       numeric(3, 2)    CHECK (rating BETWEEN 1 AND 5),
  metadata     jsonb            CHECK (jsonb_typeof(metadata) = 'object'),
  created_at   timestamptz      NOT NULL DEFAULT now(),
  updated_at   timestamptz      NOT NULL DEFAULT now(),
  -- A draft has never been published; published and archived posts have a date.
  CHECK ((status = 'draft') = (published_at IS NULL))
);
CREATE UNIQUE INDEX tb_post_slug_key ON tb_post (slug);
-- Serves "posts of an author, newest first" (v_user.latest_posts, post_count, author filters).
CREATE INDEX tb_post_author_created_idx ON tb_post (author_id, created_at DESC, id DESC);
CREATE INDEX tb_post_published_at_idx ON tb_post (published_at);
CREATE INDEX tb_post_created_at_idx ON tb_post (created_at);

CREATE TABLE tb_comment (
  id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  post_id    uuid        NOT NULL REFERENCES tb_post (id) ON DELETE CASCADE,
  author_id  uuid        NOT NULL REFERENCES tb_user (id) ON DELETE CASCADE,
  -- A reply; deleting a comment deletes its replies.
  parent_id  uuid        REFERENCES tb_comment (id) ON DELETE CASCADE,
  body       text        NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  likes      integer     NOT NULL DEFAULT 0 CHECK (likes >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at  timestamptz
);
-- Serves v_post.comments (ordered by created_at) and the post_id foreign key.
CREATE INDEX tb_comment_post_created_idx ON tb_comment (post_id, created_at, id);
CREATE INDEX tb_comment_author_idx ON tb_comment (author_id);
-- Serves the cascade of ON DELETE to replies; most comments are not replies.
CREATE INDEX tb_comment_parent_idx ON tb_comment (parent_id) WHERE parent_id IS NOT NULL;

-- Named counters for the concurrency test of mutations (fn_increment_counter).
CREATE TABLE tb_counter (
  name       text        PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 100),
  value      integer     NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------------------------------------
-- JSON building blocks shared by the views (one definition of each embedded object)
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION blog_internal.iso_time(t timestamptz) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');

-- The author summary embedded in posts and comments.
CREATE FUNCTION blog_internal.author_json(u tb_user) RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
RETURN jsonb_build_object('id', u.id, 'username', u.username, 'full_name', u.full_name,
                          'avatar_url', u.avatar_url);

-- The post summary embedded in v_user.latest_posts and v_comment.post.
CREATE FUNCTION blog_internal.post_summary_json(p tb_post) RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
RETURN jsonb_build_object('id', p.id, 'title', p.title, 'slug', p.slug,
                          'published_at', blog_internal.iso_time(p.published_at));

-- A comment as embedded in v_post.comments; v_comment adds its post and the ids of both.
CREATE FUNCTION blog_internal.comment_json(c tb_comment, a tb_user) RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
RETURN jsonb_build_object('id', c.id, 'parent_id', c.parent_id, 'body', c.body, 'likes', c.likes,
                          'created_at', blog_internal.iso_time(c.created_at),
                          'edited_at', blog_internal.iso_time(c.edited_at),
                          'author', blog_internal.author_json(a));

-- ---------------------------------------------------------------------------------------------
-- Read views. Real columns beside data carry indexes to the query engine.
-- Embedded lists are scalar subqueries so that count(*) and ORDER BY ... LIMIT evaluate them
-- only for the rows returned. Each mention of data in a query computes it again.
-- ---------------------------------------------------------------------------------------------

CREATE VIEW v_user AS
SELECT u.id, u.email, u.username, u.created_at,
       jsonb_build_object(
         'id', u.id, 'email', u.email, 'username', u.username, 'full_name', u.full_name,
         'bio', u.bio, 'avatar_url', u.avatar_url, 'role', upper(u.role),
         'is_active', u.is_active, 'karma', u.karma,
         'created_at', blog_internal.iso_time(u.created_at),
         'last_login_at', blog_internal.iso_time(u.last_login_at),
         'post_count', (SELECT count(*) FROM tb_post p WHERE p.author_id = u.id),
         'latest_posts',
         (SELECT coalesce(jsonb_agg(blog_internal.post_summary_json(p)
                                    ORDER BY p.created_at DESC, p.id DESC), '[]')
            FROM (SELECT * FROM tb_post p WHERE p.author_id = u.id
                   ORDER BY p.created_at DESC, p.id DESC LIMIT 3) p)
       ) AS data
  FROM tb_user u;

CREATE VIEW v_post AS
SELECT p.id, p.author_id, p.published_at, p.created_at,
       jsonb_build_object(
         'id', p.id, 'author_id', p.author_id, 'title', p.title, 'slug', p.slug,
         'body', p.body, 'status', upper(p.status),
         'published_at', blog_internal.iso_time(p.published_at), 'tags', p.tags,
         'view_count', p.view_count, 'score', p.score, 'rating', p.rating,
         'metadata', p.metadata, 'created_at', blog_internal.iso_time(p.created_at),
         'updated_at', blog_internal.iso_time(p.updated_at),
         'author', blog_internal.author_json(a),
         'comment_count', (SELECT count(*) FROM tb_comment c WHERE c.post_id = p.id),
         'comments',
         (SELECT coalesce(jsonb_agg(blog_internal.comment_json(c, ca)
                                    ORDER BY c.created_at, c.id), '[]')
            FROM tb_comment c JOIN tb_user ca ON ca.id = c.author_id
           WHERE c.post_id = p.id)
       ) AS data
  FROM tb_post p
  JOIN tb_user a ON a.id = p.author_id;

CREATE VIEW v_comment AS
SELECT c.id, c.post_id, c.author_id, c.parent_id, c.created_at,
       blog_internal.comment_json(c, a)
         || jsonb_build_object('post_id', c.post_id, 'author_id', c.author_id,
                               'post', blog_internal.post_summary_json(p)) AS data
  FROM tb_comment c
  JOIN tb_user a ON a.id = c.author_id
  JOIN tb_post p ON p.id = c.post_id;

CREATE VIEW v_counter AS
SELECT k.name AS id,
       jsonb_build_object('id', k.name, 'name', k.name, 'value', k.value,
                          'updated_at', blog_internal.iso_time(k.updated_at)) AS data
  FROM tb_counter k;

-- ---------------------------------------------------------------------------------------------
-- Table views: v_user and v_post stored, for reads that skip the joins. Same columns as the
-- views; no foreign keys (they are copies). The fn_* mutations keep them in sync for the rows
-- they touch; after writing tb_* directly, call fn_refresh_tv().
-- ---------------------------------------------------------------------------------------------

CREATE TABLE tv_user (
  id         uuid        PRIMARY KEY,
  email      text        NOT NULL,
  username   text        NOT NULL,
  created_at timestamptz NOT NULL,
  data       jsonb       NOT NULL
);
CREATE INDEX tv_user_email_idx ON tv_user (email);
CREATE INDEX tv_user_created_at_idx ON tv_user (created_at);

CREATE TABLE tv_post (
  id           uuid        PRIMARY KEY,
  author_id    uuid        NOT NULL,
  published_at timestamptz,
  created_at   timestamptz NOT NULL,
  data         jsonb       NOT NULL
);
CREATE INDEX tv_post_author_idx ON tv_post (author_id);
CREATE INDEX tv_post_published_at_idx ON tv_post (published_at);

-- Bulk loads build indexes once from the loaded rows and validate a foreign key with one join,
-- which costs a fraction of maintaining them row by row. blog_internal.drop_indexes drops the
-- indexes, primary keys, unique and foreign key constraints of tables (and foreign keys that
-- reference them) and returns the statements that recreate them, in a working order.
CREATE FUNCTION blog_internal.drop_indexes(tables regclass[]) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
  l_drop    text[];
  l_restore text[];
  l_sql     text;
BEGIN
  WITH item AS (
    SELECT 1 AS stage, format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass,
                              c.conname) AS drop_sql,
           format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
                  pg_get_constraintdef(c.oid)) AS restore_sql
      FROM pg_constraint c
     WHERE c.contype = 'f' AND (c.conrelid = ANY (tables) OR c.confrelid = ANY (tables))
    UNION ALL
    SELECT 2, format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
           format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
                  pg_get_constraintdef(c.oid))
      FROM pg_constraint c
     WHERE c.contype IN ('p', 'u') AND c.conrelid = ANY (tables)
    UNION ALL
    SELECT 3, format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
      FROM pg_index i
     WHERE i.indrelid = ANY (tables)
       AND NOT EXISTS (SELECT FROM pg_constraint c
                        WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x')))
  SELECT array_agg(drop_sql ORDER BY stage, drop_sql),
         array_agg(restore_sql ORDER BY stage DESC, restore_sql)
    INTO l_drop, l_restore
    FROM item;
  FOREACH l_sql IN ARRAY coalesce(l_drop, '{}') LOOP
    EXECUTE l_sql;
  END LOOP;
  RETURN coalesce(l_restore, '{}');
END
$$;

CREATE FUNCTION blog_internal.execute_all(statements text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  l_sql text;
BEGIN
  FOREACH l_sql IN ARRAY statements LOOP
    EXECUTE l_sql;
  END LOOP;
END
$$;

CREATE FUNCTION fn_refresh_tv() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  l_restore text[];
BEGIN
  TRUNCATE tv_user, tv_post;
  l_restore := blog_internal.drop_indexes(ARRAY['tv_user', 'tv_post']::regclass[]);
  INSERT INTO tv_user (id, email, username, created_at, data)
  SELECT id, email, username, created_at, data FROM v_user;
  INSERT INTO tv_post (id, author_id, published_at, created_at, data)
  SELECT id, author_id, published_at, created_at, data FROM v_post;
  PERFORM blog_internal.execute_all(l_restore);
END
$$;

-- Re-reads the given rows from the views (an upsert, so concurrent syncs cannot collide) and
-- drops copies whose base row is gone. Callers lock the base rows first so that a later
-- transaction's sync never runs on an older snapshot than an earlier one's.
CREATE FUNCTION blog_internal.sync_tv(user_ids uuid[], post_ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO tv_user (id, email, username, created_at, data)
  SELECT id, email, username, created_at, data FROM v_user WHERE id = ANY (user_ids)
  ON CONFLICT (id) DO UPDATE
    SET email = excluded.email, username = excluded.username,
        created_at = excluded.created_at, data = excluded.data;
  DELETE FROM tv_user t
   WHERE t.id = ANY (user_ids) AND NOT EXISTS (SELECT FROM tb_user u WHERE u.id = t.id);
  INSERT INTO tv_post (id, author_id, published_at, created_at, data)
  SELECT id, author_id, published_at, created_at, data FROM v_post WHERE id = ANY (post_ids)
  ON CONFLICT (id) DO UPDATE
    SET author_id = excluded.author_id, published_at = excluded.published_at,
        created_at = excluded.created_at, data = excluded.data;
  DELETE FROM tv_post t
   WHERE t.id = ANY (post_ids) AND NOT EXISTS (SELECT FROM tb_post p WHERE p.id = t.id);
$$;

-- ---------------------------------------------------------------------------------------------
-- Mutations
--
-- status classes: 'created' | 'updated' | 'deleted' | 'noop:<reason>'  (entity: the object)
--                 'validation:<reason>' | 'conflict:<reason>' | 'not_found:<what>'  (failures)
-- A failure's metadata is {"code": <422|409|404>, "errors": [{"field", "code", "message"}]};
-- field is the input key (snake_case) or null when the error is about the whole input.
-- ---------------------------------------------------------------------------------------------

CREATE TYPE mutation_response AS (
  status         text,
  message        text,
  entity_id      text,
  entity_type    text,
  entity         jsonb,
  updated_fields text[],
  cascade        jsonb,
  metadata       jsonb
);

CREATE FUNCTION blog_internal.field_error(field text, code text, message text) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN jsonb_build_object('field', field, 'code', code, 'message', message);

-- The failure row for a status of class validation, conflict or not_found.
CREATE FUNCTION blog_internal.failure(status text, message text, entity_type text,
                                      entity_id text, errors jsonb)
RETURNS mutation_response
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ROW(status, message, entity_id, entity_type, NULL::jsonb, NULL::text[], NULL::jsonb,
           jsonb_build_object('code', CASE split_part(status, ':', 1)
                                        WHEN 'validation' THEN 422
                                        WHEN 'conflict' THEN 409
                                        WHEN 'not_found' THEN 404
                                      END,
                              'errors', errors))::mutation_response;

-- The row for a status of class created, updated, deleted or noop.
CREATE FUNCTION blog_internal.success(status text, message text, entity_type text,
                                      entity_id text, entity jsonb, updated_fields text[],
                                      cascade jsonb DEFAULT NULL)
RETURNS mutation_response
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ROW(status, message, entity_id, entity_type, entity, updated_fields, cascade,
           NULL::jsonb)::mutation_response;

-- Checks that input->key, when present and not null, is a string of 1..max_length characters
-- (after trimming); a required key must be present. Returns a field error, or NULL when fine.
CREATE FUNCTION blog_internal.string_error(input jsonb, key text, required boolean,
                                           max_length integer)
RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN coalesce(input -> key, 'null') = 'null' THEN
    CASE WHEN required THEN blog_internal.field_error(key, 'required', key || ' is required') END
  WHEN jsonb_typeof(input -> key) <> 'string' THEN
    blog_internal.field_error(key, 'invalid_type', key || ' must be a string')
  WHEN btrim(input ->> key) = '' THEN
    blog_internal.field_error(key, 'blank', key || ' must not be blank')
  WHEN length(input ->> key) > max_length THEN
    blog_internal.field_error(key, 'too_long',
                              format('%s must be at most %s characters', key, max_length))
END;

-- The non-null field errors among errors, as a JSON array.
CREATE FUNCTION blog_internal.errors(VARIADIC errors jsonb[]) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT coalesce(jsonb_agg(e ORDER BY i) FILTER (WHERE e IS NOT NULL), '[]')
          FROM unnest(errors) WITH ORDINALITY AS u(e, i));

-- Errors for keys of input outside allowed.
CREATE FUNCTION blog_internal.unknown_key_errors(input jsonb, allowed text[]) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT coalesce(jsonb_agg(blog_internal.field_error(k, 'unknown_field',
                                                            format('unknown field "%s"', k))
                                  ORDER BY k), '[]')
          FROM jsonb_object_keys(input) k
         WHERE k <> ALL (allowed));

-- input->key as a uuid when it is a canonical uuid string, else NULL.
CREATE FUNCTION blog_internal.uuid_arg(input jsonb, key text) RETURNS uuid
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN jsonb_typeof(input -> key) = 'string'
   AND input ->> key ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
  THEN (input ->> key)::uuid
END;

-- The failure for an object input whose key "id" is not a uuid, else NULL.
CREATE FUNCTION blog_internal.id_failure(input jsonb, entity_type text) RETURNS mutation_response
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN blog_internal.uuid_arg(input, 'id') IS NULL THEN
  blog_internal.failure('validation:invalid_id', 'id must be a uuid', entity_type, input ->> 'id',
                        jsonb_build_array(blog_internal.field_error('id', 'invalid_format',
                                                                    'id must be a uuid')))
END;

CREATE FUNCTION blog_internal.not_object_failure(entity_type text) RETURNS mutation_response
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN blog_internal.failure('validation:invalid_input', 'input must be a JSON object',
                             entity_type, NULL,
                             jsonb_build_array(blog_internal.field_error(
                               NULL, 'invalid_type', 'input must be a JSON object')));

-- input: {email, username, full_name, bio?, role?}
CREATE FUNCTION fn_create_user(input jsonb) RETURNS mutation_response
LANGUAGE plpgsql AS $$
DECLARE
  l_errors   jsonb;
  l_email    text := lower(btrim(input ->> 'email'));
  l_username text := input ->> 'username';
  l_role     text := lower(input ->> 'role');
  l_id       uuid;
  l_conflict text;
BEGIN
  IF jsonb_typeof(input) IS DISTINCT FROM 'object' THEN
    RETURN blog_internal.not_object_failure('User');
  END IF;

  l_errors := blog_internal.errors(blog_internal.string_error(input, 'email', true, 254),
                                   blog_internal.string_error(input, 'username', true, 30),
                                   blog_internal.string_error(input, 'full_name', true, 200),
                                   blog_internal.string_error(input, 'bio', false, 2000),
                                   blog_internal.string_error(input, 'role', false, 20));
  IF jsonb_typeof(input -> 'email') = 'string' AND NOT l_errors @> '[{"field": "email"}]'
     AND l_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' THEN
    l_errors := l_errors || blog_internal.field_error('email', 'invalid_format',
                                                      format('"%s" is not an email address',
                                                             input ->> 'email'));
  END IF;
  IF jsonb_typeof(input -> 'username') = 'string' AND NOT l_errors @> '[{"field": "username"}]'
     AND l_username !~ '^[a-z0-9_]{3,30}$' THEN
    l_errors := l_errors || blog_internal.field_error(
      'username', 'invalid_format',
      'username must be 3 to 30 characters among a-z, 0-9 and _');
  END IF;
  IF jsonb_typeof(input -> 'role') = 'string'
     AND l_role NOT IN ('reader', 'author', 'editor', 'admin') THEN
    l_errors := l_errors || blog_internal.field_error(
      'role', 'invalid_value', 'role must be one of READER, AUTHOR, EDITOR, ADMIN');
  END IF;
  l_errors := l_errors || blog_internal.unknown_key_errors(
    input, ARRAY['email', 'username', 'full_name', 'bio', 'role']);
  IF jsonb_array_length(l_errors) > 0 THEN
    RETURN blog_internal.failure('validation:invalid_input', 'the user input is invalid', 'User',
                                 NULL, l_errors);
  END IF;

  -- Report every taken value at once; the unique indexes still decide under concurrency.
  SELECT coalesce(jsonb_agg(e), '[]') INTO l_errors
    FROM (SELECT blog_internal.field_error('email', 'duplicate', 'email is already registered')
           WHERE EXISTS (SELECT FROM tb_user WHERE email = l_email)
          UNION ALL
          SELECT blog_internal.field_error('username', 'duplicate', 'username is taken')
           WHERE EXISTS (SELECT FROM tb_user WHERE username = l_username)) v(e);
  IF jsonb_array_length(l_errors) > 0 THEN
    RETURN blog_internal.failure('conflict:duplicate', 'a user with this email or username exists',
                                 'User', NULL, l_errors);
  END IF;

  BEGIN
    INSERT INTO tb_user (email, username, full_name, bio, role)
    VALUES (l_email, l_username, btrim(input ->> 'full_name'), input ->> 'bio',
            coalesce(l_role, 'reader'))
    RETURNING id INTO l_id;
  EXCEPTION WHEN unique_violation THEN
    GET STACKED DIAGNOSTICS l_conflict = CONSTRAINT_NAME;
    l_conflict := CASE l_conflict WHEN 'tb_user_email_key' THEN 'email' ELSE 'username' END;
    RETURN blog_internal.failure('conflict:duplicate', 'a user with this email or username exists',
                                 'User', NULL,
                                 jsonb_build_array(blog_internal.field_error(
                                   l_conflict, 'duplicate', l_conflict || ' is already taken')));
  END;
  PERFORM blog_internal.sync_tv(ARRAY[l_id], NULL);

  RETURN blog_internal.success('created', 'user created', 'User', l_id::text,
                               (SELECT data FROM v_user WHERE id = l_id),
                               ARRAY(SELECT k FROM jsonb_object_keys(input) k ORDER BY k));
END
$$;

-- input: {id, title?, body?, status?, tags?, metadata?}; absent keys are left unchanged,
-- "metadata": null clears it. An archived post is read-only except for its status.
CREATE FUNCTION fn_update_post(input jsonb) RETURNS mutation_response
LANGUAGE plpgsql AS $$
DECLARE
  l_failure mutation_response;
  l_errors  jsonb;
  l_id      uuid := blog_internal.uuid_arg(input, 'id');
  l_old     tb_post;
  l_new     tb_post;
  l_changed text[];
BEGIN
  IF jsonb_typeof(input) IS DISTINCT FROM 'object' THEN
    RETURN blog_internal.not_object_failure('Post');
  END IF;
  l_failure := blog_internal.id_failure(input, 'Post');
  IF l_failure.status IS NOT NULL THEN
    RETURN l_failure;
  END IF;

  -- Present keys other than metadata must not be null.
  l_errors := blog_internal.errors(
    blog_internal.string_error(input, 'title', input ? 'title', 300),
    blog_internal.string_error(input, 'body', input ? 'body', 100000),
    blog_internal.string_error(input, 'status', input ? 'status', 20));
  IF jsonb_typeof(input -> 'status') = 'string'
     AND lower(input ->> 'status') NOT IN ('draft', 'published', 'archived') THEN
    l_errors := l_errors || blog_internal.field_error(
      'status', 'invalid_value', 'status must be one of DRAFT, PUBLISHED, ARCHIVED');
  END IF;
  IF input ? 'tags' AND (jsonb_typeof(input -> 'tags') IS DISTINCT FROM 'array'
                         OR jsonb_array_length(input -> 'tags') > 10
                         OR EXISTS (SELECT FROM jsonb_array_elements(input -> 'tags') t
                                     WHERE jsonb_typeof(t) <> 'string'
                                        OR length(t #>> '{}') NOT BETWEEN 1 AND 50)) THEN
    l_errors := l_errors || blog_internal.field_error(
      'tags', 'invalid_value', 'tags must be a list of at most 10 strings of 1 to 50 characters');
  END IF;
  IF input ? 'metadata' AND jsonb_typeof(input -> 'metadata') NOT IN ('object', 'null') THEN
    l_errors := l_errors || blog_internal.field_error('metadata', 'invalid_type',
                                                      'metadata must be an object or null');
  END IF;
  l_errors := l_errors || blog_internal.unknown_key_errors(
    input, ARRAY['id', 'title', 'body', 'status', 'tags', 'metadata']);
  IF jsonb_array_length(l_errors) > 0 THEN
    RETURN blog_internal.failure('validation:invalid_input', 'the post input is invalid', 'Post',
                                 l_id::text, l_errors);
  END IF;

  -- Post then author: the one lock order of all mutations (see blog_internal.sync_tv).
  SELECT * INTO l_old FROM tb_post WHERE id = l_id FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RETURN blog_internal.failure('not_found:post', 'no post has this id', 'Post', l_id::text,
                                 jsonb_build_array(blog_internal.field_error(
                                   'id', 'not_found', 'no post has this id')));
  END IF;
  PERFORM FROM tb_user WHERE id = l_old.author_id FOR NO KEY UPDATE;

  l_new := l_old;
  IF input ? 'title' THEN l_new.title := btrim(input ->> 'title'); END IF;
  IF input ? 'body' THEN l_new.body := input ->> 'body'; END IF;
  IF input ? 'status' THEN l_new.status := lower(input ->> 'status'); END IF;
  IF input ? 'tags' THEN
    l_new.tags := ARRAY(SELECT jsonb_array_elements_text(input -> 'tags'));
  END IF;
  IF input ? 'metadata' THEN l_new.metadata := nullif(input -> 'metadata', 'null'); END IF;
  l_new.published_at := CASE WHEN l_new.status = 'draft' THEN NULL
                             ELSE coalesce(l_old.published_at, now()) END;

  l_changed := array_remove(ARRAY[
    CASE WHEN l_new.title IS DISTINCT FROM l_old.title THEN 'title' END,
    CASE WHEN l_new.body IS DISTINCT FROM l_old.body THEN 'body' END,
    CASE WHEN l_new.status IS DISTINCT FROM l_old.status THEN 'status' END,
    CASE WHEN l_new.published_at IS DISTINCT FROM l_old.published_at THEN 'published_at' END,
    CASE WHEN l_new.tags IS DISTINCT FROM l_old.tags THEN 'tags' END,
    CASE WHEN l_new.metadata IS DISTINCT FROM l_old.metadata THEN 'metadata' END], NULL);

  IF cardinality(l_changed) = 0 THEN
    RETURN blog_internal.success('noop:no_changes', 'the post already has these values', 'Post',
                                 l_id::text, (SELECT data FROM v_post WHERE id = l_id), l_changed);
  END IF;
  IF l_old.status = 'archived' AND l_new.status = 'archived' THEN
    RETURN blog_internal.failure('conflict:archived', 'an archived post is read-only', 'Post',
                                 l_id::text,
                                 jsonb_build_array(blog_internal.field_error(
                                   'status', 'archived',
                                   'unarchive the post before changing it')));
  END IF;

  UPDATE tb_post
     SET title = l_new.title, body = l_new.body, status = l_new.status,
         published_at = l_new.published_at, tags = l_new.tags, metadata = l_new.metadata,
         updated_at = now()
   WHERE id = l_id;
  -- The author's latest_posts embed the title and publication date.
  PERFORM blog_internal.sync_tv(ARRAY[l_old.author_id], ARRAY[l_id]);

  RETURN blog_internal.success('updated', 'post updated', 'Post', l_id::text,
                               (SELECT data FROM v_post WHERE id = l_id), l_changed);
END
$$;

-- input: {id}. Deletes the comment and, through the foreign key, its replies; the cascade
-- lists the replies deleted and the post whose comments changed.
CREATE FUNCTION fn_delete_comment(input jsonb) RETURNS mutation_response
LANGUAGE plpgsql AS $$
DECLARE
  l_failure mutation_response;
  l_errors  jsonb;
  l_id      uuid := blog_internal.uuid_arg(input, 'id');
  l_post_id uuid;
  l_entity  jsonb;
  l_replies jsonb;
BEGIN
  IF jsonb_typeof(input) IS DISTINCT FROM 'object' THEN
    RETURN blog_internal.not_object_failure('Comment');
  END IF;
  l_failure := blog_internal.id_failure(input, 'Comment');
  IF l_failure.status IS NOT NULL THEN
    RETURN l_failure;
  END IF;
  l_errors := blog_internal.unknown_key_errors(input, ARRAY['id']);
  IF jsonb_array_length(l_errors) > 0 THEN
    RETURN blog_internal.failure('validation:invalid_input', 'the comment input is invalid',
                                 'Comment', l_id::text, l_errors);
  END IF;

  SELECT post_id INTO l_post_id FROM tb_comment WHERE id = l_id;
  IF FOUND THEN
    -- Serializes with other writers of this post's tv_post row.
    PERFORM FROM tb_post WHERE id = l_post_id FOR NO KEY UPDATE;
    SELECT data INTO l_entity FROM v_comment WHERE id = l_id;
  END IF;
  IF l_entity IS NULL THEN
    RETURN blog_internal.failure('not_found:comment', 'no comment has this id', 'Comment',
                                 l_id::text,
                                 jsonb_build_array(blog_internal.field_error(
                                   'id', 'not_found', 'no comment has this id')));
  END IF;

  WITH RECURSIVE reply (id) AS (
    SELECT c.id FROM tb_comment c WHERE c.parent_id = l_id
    UNION ALL
    SELECT c.id FROM tb_comment c JOIN reply r ON c.parent_id = r.id)
  SELECT coalesce(jsonb_agg(jsonb_build_object('__typename', 'Comment', 'id', id) ORDER BY id),
                  '[]')
    INTO l_replies FROM reply;
  DELETE FROM tb_comment WHERE id = l_id;
  PERFORM blog_internal.sync_tv(NULL, ARRAY[l_post_id]);

  RETURN blog_internal.success(
    'deleted',
    format('comment deleted with %s repl%s', jsonb_array_length(l_replies),
           CASE jsonb_array_length(l_replies) WHEN 1 THEN 'y' ELSE 'ies' END),
    'Comment', l_id::text, l_entity, NULL,
    jsonb_build_object('deleted', l_replies,
                       'updated', jsonb_build_array(jsonb_build_object('__typename', 'Post',
                                                                       'id', l_post_id))));
END
$$;

-- input: {name, by? = 1}. Creates the counter on first use; safe under any concurrency.
CREATE FUNCTION fn_increment_counter(input jsonb) RETURNS mutation_response
LANGUAGE plpgsql AS $$
DECLARE
  l_errors jsonb;
  l_name   text := input ->> 'name';
  l_by     integer;
  l_status text;
BEGIN
  IF jsonb_typeof(input) IS DISTINCT FROM 'object' THEN
    RETURN blog_internal.not_object_failure('Counter');
  END IF;
  l_errors := blog_internal.errors(blog_internal.string_error(input, 'name', true, 100));
  IF input ? 'by' AND NOT (jsonb_typeof(input -> 'by') = 'number'
                           AND (input ->> 'by')::numeric BETWEEN -1000000 AND 1000000
                           AND (input ->> 'by')::numeric = trunc((input ->> 'by')::numeric)) THEN
    l_errors := l_errors || blog_internal.field_error(
      'by', 'invalid_value', 'by must be an integer between -1000000 and 1000000');
  END IF;
  l_errors := l_errors || blog_internal.unknown_key_errors(input, ARRAY['name', 'by']);
  IF jsonb_array_length(l_errors) > 0 THEN
    RETURN blog_internal.failure('validation:invalid_input', 'the counter input is invalid',
                                 'Counter', l_name, l_errors);
  END IF;
  l_by := coalesce((input ->> 'by')::numeric::integer, 1);
  IF l_by = 0 THEN
    RETURN blog_internal.success('noop:zero_increment', 'adding 0 changes nothing', 'Counter',
                                 l_name, (SELECT data FROM v_counter WHERE id = l_name), '{}');
  END IF;

  BEGIN
    UPDATE tb_counter SET value = value + l_by, updated_at = now() WHERE name = l_name;
    IF FOUND THEN
      l_status := 'updated';
    ELSE
      INSERT INTO tb_counter (name, value) VALUES (l_name, l_by) ON CONFLICT (name) DO NOTHING;
      IF FOUND THEN
        l_status := 'created';
      ELSE  -- created concurrently since our UPDATE: its row is now visible to this statement
        UPDATE tb_counter SET value = value + l_by, updated_at = now() WHERE name = l_name;
        l_status := 'updated';
      END IF;
    END IF;
  EXCEPTION WHEN numeric_value_out_of_range THEN
    RETURN blog_internal.failure('conflict:out_of_range',
                                 'the counter would leave the 32-bit integer range', 'Counter',
                                 l_name,
                                 jsonb_build_array(blog_internal.field_error(
                                   'by', 'out_of_range',
                                   'the counter would leave the 32-bit integer range')));
  END;

  RETURN blog_internal.success(l_status, 'counter ' || l_status, 'Counter', l_name,
                               (SELECT data FROM v_counter WHERE id = l_name), ARRAY['value']);
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Data generator: fn_generate_blog(users) replaces all data with a deterministic blog.
--
-- Every value derives from row numbers through seeded 64-bit hashes, never random(), so the
-- same size always yields the same bytes, in any session time zone. Text comes from small
-- pools (titles, paragraphs, metadata) built once below from word lists, holding awkward
-- characters on purpose: quotes, backslashes, newlines, tabs, CR LF, control characters,
-- accents, CJK, right-to-left script, emoji with modifiers and ZWJ sequences, HTML.
-- ---------------------------------------------------------------------------------------------

-- A uniform choice in [0, m) for (seed, salt); independent across salts.
CREATE FUNCTION blog_internal.pick(seed bigint, salt integer, m integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ((hashint8extended(seed, salt) & 9223372036854775807) % m)::integer;

-- The id of the ord-th generated row of a kind (1 user, 2 post, 3 comment): a UUIDv8 (RFC 9562's
-- custom layout) whose first 48 bits are kind and ord and the rest hash bits. Ids thus sort in
-- generation order, which is also the rows' order on disk: a fresh data set's indexes are built
-- from presorted keys and the views walk them sequentially. (Random v4 ids made every index
-- lookup of the table views a cache miss: 5 times slower at a million users.)
CREATE FUNCTION blog_internal.uuid_of(kind integer, ord bigint) RETURNS uuid
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (lpad(to_hex((kind::bigint << 44) | ord), 12, '0') || '8'
        || substr(lpad(to_hex(hashint8extended(ord, kind)), 16, '0'), 1, 3) || '8'
        || substr(lpad(to_hex(hashint8extended(ord, kind + 16)), 16, '0'), 1, 15))::uuid;

CREATE FUNCTION blog_internal.user_id(n bigint) RETURNS uuid
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN blog_internal.uuid_of(1, n);

-- Users sign up in order over 2019-2022, whatever their number.
CREATE FUNCTION blog_internal.user_created_at(n bigint, users integer) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN timestamptz '2019-01-01 00:00:00+00'
       + make_interval(secs => ((n - 1) * 126230400 + blog_internal.pick(n, 0, 126230400)) / users);

-- s-th element (any integer, wrapping) of an array.
CREATE FUNCTION blog_internal.nth(a text[], s integer) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN a[1 + s % cardinality(a)];

CREATE FUNCTION blog_internal.sentence(s integer) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  subjects text[] := ARRAY[
    'The query planner', 'My café''s espresso machine', 'Our on-call rotation',
    'Zoë from the São Paulo office', 'The new covering index', 'This benchmark',
    'A tiny cron job', '東京のチーム', 'The intern', 'PostgreSQL 15', 'Every JSON parser',
    'The "temporary" fix', 'Łukasz''s shell script', 'The 3 a.m. backup', 'Our GraphQL gateway',
    'Der Müller-Algorithmus', 'The naïve retry loop', 'Björk''s favourite linter',
    'El equipo de Málaga', '我们的数据库'];
  verbs text[] := ARRAY[
    'rewrote', 'broke', 'doubled the speed of', 'quietly ignored', 'finally understood',
    'made peace with', 'saved', 'outlived', 'stress-tested', 'refused to touch',
    'accidentally deleted', 'documented'];
  objects text[] := ARRAY[
    'the login page', 'every foreign key', 'the naïve implementation', 'a 2 GB JSON file',
    'the "legacy" service', 'our résumé parser', 'the 你好世界 demo', 'the release notes',
    'the cache', 'the coffee budget', 'an Ångström-sized bug', 'the staging database',
    'the Straße-to-street mapping', 'a 🐘-shaped diagram', 'the crème brûlée recipe',
    'half of the test suite'];
  endings text[] := ARRAY['.', '!', '?', '. 🚀', '! 👍🏽', '. ❤️', '. 👨‍👩‍👧', '. 🇫🇷', '…',
                          ' (again).', ' — no regrets.', '?!'];
  questions text[] := ARRAY['is it fast?', 'who wrote this?', 'can we ship on Friday?',
                            'why is it "eventually" consistent?', 'où est le café ?'];
  answers text[] := ARRAY['yes', 'it depends', 'git blame says you', 'no', 'ask the planner',
                          'définitivement'];
  folders text[] := ARRAY['2021', 'drafts', 'Größe', 'new folder (2)', 'tmp'];
  foreign_text text[] := ARRAY[
    'データベースは今日も速いです。', '这个查询太慢了，我们需要索引。', '오늘도 배포했습니다.',
    'مرحبا بالعالم، هذه تجربة.', 'Ελληνικά: ο λόγος και η λογική.', 'Привет, мир! Всё работает.',
    'ยินดีต้อนรับสู่บล็อก', 'Ça marche très bien, merci !'];
  names text[] := ARRAY['Zoë', 'José', 'Siobhán', '陽菜', 'Søren', 'Ngozi', 'Ömer'];
BEGIN
  RETURN CASE blog_internal.pick(s, 0, 20)
    WHEN 8 THEN format('I asked "%s" and got "%s" back.',
                       blog_internal.nth(questions, blog_internal.pick(s, 1, 1000)),
                       blog_internal.nth(answers, blog_internal.pick(s, 2, 1000)))
    WHEN 9 THEN format('The logs are in C:\ProgramData\Blog\%s\ and not in /var/log.',
                       blog_internal.nth(folders, blog_internal.pick(s, 1, 1000)))
    WHEN 10 THEN format('Match versions with ^v\d+\.\d+(\.\d+)?$ before touching %s.',
                        blog_internal.nth(objects, blog_internal.pick(s, 1, 1000)))
    WHEN 11 THEN format(E'TODO:\n\t- %s\n\t- %s',
                        blog_internal.nth(objects, blog_internal.pick(s, 1, 1000)),
                        blog_internal.nth(objects, blog_internal.pick(s, 2, 1000)))
    WHEN 12 THEN blog_internal.nth(foreign_text, blog_internal.pick(s, 1, 1000))
    WHEN 13 THEN format(E'Pasted from Windows:\r\n%s %s %s.',
                        blog_internal.nth(subjects, blog_internal.pick(s, 1, 1000)),
                        blog_internal.nth(verbs, blog_internal.pick(s, 2, 1000)),
                        blog_internal.nth(objects, blog_internal.pick(s, 3, 1000)))
    WHEN 14 THEN format('%s said: ''%s'' %s',
                        blog_internal.nth(names, blog_internal.pick(s, 1, 1000)),
                        blog_internal.nth(questions, blog_internal.pick(s, 2, 1000)),
                        blog_internal.nth(endings, blog_internal.pick(s, 3, 1000)))
    WHEN 15 THEN 'Math check: ∑ xᵢ² ≤ ∞, 3 < 5 > 2 && "ok" is true.'
    WHEN 16 THEN 'Emoji stress test: 🚀🔥 👨‍👩‍👧 🏳️‍🌈 🇯🇵 👍🏽 ❤️.'
    WHEN 17 THEN format('<script>alert("hi")</script> must render as text, says %s.',
                        blog_internal.nth(names, blog_internal.pick(s, 1, 1000)))
    WHEN 18 THEN E'Stray control characters \x01 and \x1f and a form feed \f from an old CSV.'
    WHEN 19 THEN format('Has anyone else seen %s %s %s?',
                        lower(blog_internal.nth(subjects, blog_internal.pick(s, 1, 1000))),
                        blog_internal.nth(verbs, blog_internal.pick(s, 2, 1000)),
                        blog_internal.nth(objects, blog_internal.pick(s, 3, 1000)))
    ELSE blog_internal.nth(subjects, blog_internal.pick(s, 1, 1000)) || ' '
         || blog_internal.nth(verbs, blog_internal.pick(s, 2, 1000)) || ' '
         || blog_internal.nth(objects, blog_internal.pick(s, 3, 1000))
         || blog_internal.nth(endings, blog_internal.pick(s, 4, 1000))
  END;
END
$$;

CREATE FUNCTION blog_internal.title_text(s integer) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  tech text[] := ARRAY['PostgreSQL', 'GraphQL', 'C++20', 'Rust', 'Kubernetes', 'SQLite',
                       'Boost.Asio', 'JSON', 'io_uring', 'Redis', 'libpq', 'WebSockets'];
  adjectives text[] := ARRAY['Boring', 'Fast', 'Overrated', 'Underrated', 'Magic', 'Simple',
                             'Naïve', 'Inevitable', 'Misunderstood'];
  topics text[] := ARRAY['Indexes', 'Caching', 'Café Wi-Fi', 'Unicode', 'Code Review',
                         'Backups', 'Time Zones', 'Emoji 😅', 'Streaming', 'Connection Pools',
                         'Résumés', '東京 Meetups', 'Back\slashes', 'On-Call'];
  subtitles text[] := ARRAY['日本語で説明', '中文版', '한국어 요약', 'en français', 'TL;DR'];
  t1 text := blog_internal.nth(tech, blog_internal.pick(s, 1, 1000));
  t2 text := blog_internal.nth(tech, blog_internal.pick(s, 2, 1000));
  adj text := blog_internal.nth(adjectives, blog_internal.pick(s, 3, 1000));
  topic text := blog_internal.nth(topics, blog_internal.pick(s, 4, 1000));
  n integer := 2 + blog_internal.pick(s, 5, 19);
BEGIN
  RETURN CASE blog_internal.pick(s, 0, 9)
    WHEN 0 THEN format('Why %s Is %s', t1, adj)
    WHEN 1 THEN format('%s Things I Learned About %s', n, topic)
    WHEN 2 THEN format('A "%s" Guide to %s', adj, topic)
    WHEN 3 THEN format('%s: %s', topic, blog_internal.nth(subtitles, blog_internal.pick(s, 6, 1000)))
    WHEN 4 THEN format('How We Cut %s Latency by %s%% 🚀', t1, n * 4)
    WHEN 5 THEN format('Notes on %s (Part %s)', topic, n)
    WHEN 6 THEN format('Ask the Team: Is %s Worth It?', t1)
    WHEN 7 THEN format('%s vs. %s — Round %s', t1, t2, n)
    ELSE format('%s, %s and the Art of %s', t1, adj, topic)
  END;
END
$$;

-- Up to 2^20 users share 40 x 40 names; the number in the username keeps it unique.
CREATE FUNCTION blog_internal.first_name(i integer, part integer) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
-- {display, ascii}
RETURN (ARRAY[['Alice', 'alice'], ['Bruno', 'bruno'], ['Chloé', 'chloe'], ['Dmitri', 'dmitri'],
              ['Émile', 'emile'], ['Fatima', 'fatima'], ['Giulia', 'giulia'],
              ['Hiroshi', 'hiroshi'], ['Ingrid', 'ingrid'], ['José', 'jose'],
              ['Katarzyna', 'katarzyna'], ['Lars', 'lars'], ['María', 'maria'],
              ['Ngozi', 'ngozi'], ['Olu', 'olu'], ['Priya', 'priya'], ['Quentin', 'quentin'],
              ['Renée', 'renee'], ['Søren', 'soren'], ['Takeshi', 'takeshi'],
              ['Ulrike', 'ulrike'], ['Valentina', 'valentina'], ['Wei', 'wei'],
              ['Xiadani', 'xiadani'], ['Yusuf', 'yusuf'], ['Zoë', 'zoe'], ['陽菜', 'hina'],
              ['美咲', 'misaki'], ['Jürgen', 'jurgen'], ['Aoife', 'aoife'],
              ['Siobhán', 'siobhan'], ['Bjørn', 'bjorn'], ['Ana', 'ana'],
              ['Mohammed', 'mohammed'], ['Chen', 'chen'], ['Ömer', 'omer'],
              ['Đorđe', 'djordje'], ['Leilani', 'leilani'], ['Saoirse', 'saoirse'],
              ['민준', 'minjun']])[1 + i % 40][part];

CREATE FUNCTION blog_internal.last_name(i integer) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (ARRAY['O''Brien', 'Müller', 'Dubois', 'Nguyễn', 'Kowalski', 'Smith', 'García', 'Rossi',
              'Tanaka', 'Ivanova', 'Andersson', 'Okafor', 'Patel', 'Kim', 'Haddad', 'Silva',
              'van der Berg', 'Łukasiewicz', '佐藤', '王', 'Nakamura', 'Schröder', 'Fernández',
              'Johansson', 'MacLeod', 'Dvořák', 'Öztürk', 'Çelik', 'Jones', 'Lee',
              'Núñez-Villaseñor', 'D''Angelo', 'Mbeki', 'Søndergaard', 'Virtanen', 'Horváth',
              'Al-Sayed', 'Kealoha', 'Ó Súilleabháin', 'Park'])[1 + i % 40];

CREATE FUNCTION blog_internal.tag(i integer) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (ARRAY['postgresql', 'graphql', 'c++', 'performance', 'café', 'tutorial', '日本語',
              'rust', 'devops', 'security', 'design', 'emoji-🚀', 'databases', 'json', 'http',
              'testing', 'linux', 'career', 'open-source', 'web', 'data', 'c#', 'español',
              '数据库', 'unicode', 'how-to', 'opinion', 'node.js', 'release', 'benchmarks',
              'a "quoted" tag'])[1 + i % 31];

-- The pools the generator joins against.
CREATE TABLE blog_internal.paragraph (id integer PRIMARY KEY, body text NOT NULL);
CREATE TABLE blog_internal.title (id integer PRIMARY KEY, title text NOT NULL, slug text NOT NULL);
CREATE TABLE blog_internal.metadata (id integer PRIMARY KEY, value jsonb NOT NULL);

INSERT INTO blog_internal.paragraph (id, body)
SELECT k, string_agg(blog_internal.sentence(k * 4 + i), ' ' ORDER BY i)
  FROM generate_series(0, 1023) k
 CROSS JOIN LATERAL generate_series(0, blog_internal.pick(k, 0, 3)) i
 GROUP BY k;

INSERT INTO blog_internal.title (id, title, slug)
SELECT k, t,
       coalesce(nullif(btrim(regexp_replace(translate(lower(t), 'àáâäãåçèéêëìíîïñòóôöõøùúûüß',
                                                      'aaaaaaceeeeiiiinoooooouuuus'),
                                            '[^a-z0-9]+', '-', 'g'), '-'), ''), 'post')
  FROM generate_series(0, 511) k, blog_internal.title_text(k) t;

INSERT INTO blog_internal.metadata (id, value)
SELECT k, jsonb_build_object('source', (ARRAY['editor', 'import', 'api', 'mobile'])[1 + k % 4],
                             'word_count', blog_internal.pick(k, 1, 3000),
                             'featured', k % 7 = 0, 'revision', 1 + k % 5)
          || CASE WHEN k % 3 = 0 THEN
               jsonb_build_object('seo', jsonb_build_object(
                 'description', blog_internal.sentence(k), 'no_index', k % 2 = 0,
                 'keywords', jsonb_build_array(blog_internal.tag(k), blog_internal.tag(k + 7))))
             ELSE '{}' END
  FROM generate_series(0, 63) k;

-- The posts of users 1..users without their text: 0 to 6 per user (2 on average), keyed by
-- ord = 16 * user number + index. Shared by the post and comment inserts of the generator.
CREATE FUNCTION blog_internal.post_skeleton(users integer)
RETURNS TABLE (n bigint, j integer, ord bigint, id uuid, status text, created_at timestamptz,
               published_at timestamptz)
LANGUAGE sql IMMUTABLE AS $$
  SELECT u.n, j, s.ord, blog_internal.uuid_of(2, s.ord), s.status, s.created_at,
         CASE WHEN s.status <> 'draft'
           THEN s.created_at + make_interval(secs => blog_internal.pick(s.ord, 22, 259200)) END
    FROM generate_series(1::bigint, users) u(n)
   CROSS JOIN LATERAL generate_series(
           1, (ARRAY[0, 0, 1, 1, 1, 2, 2, 3, 4, 6])[1 + blog_internal.pick(u.n, 19, 10)]) j
   CROSS JOIN LATERAL (
           SELECT u.n * 16 + j AS ord,
                  CASE WHEN blog_internal.pick(u.n * 16 + j, 20, 20) < 3 THEN 'draft'
                       WHEN blog_internal.pick(u.n * 16 + j, 20, 20) < 5 THEN 'archived'
                       ELSE 'published' END AS status,
                  blog_internal.user_created_at(u.n, users)
                    + make_interval(secs => j * 1728000
                                            + blog_internal.pick(u.n * 16 + j, 21, 1728000))
                    AS created_at
           OFFSET 0) s
$$;

-- refresh_tv => false leaves tv_user and tv_post empty, for a later fn_refresh_tv(): the
-- rebuild costs more than the generation (v_post's data takes some 37 µs of CPU per post).
CREATE FUNCTION fn_generate_blog(users integer, refresh_tv boolean DEFAULT true)
RETURNS TABLE (user_rows bigint, post_rows bigint, comment_rows bigint)
LANGUAGE plpgsql AS $$
DECLARE
  l_restore text[];
BEGIN
  IF users IS NULL OR users NOT BETWEEN 1 AND 10000000 THEN
    RAISE EXCEPTION 'fn_generate_blog: users must be between 1 and 10000000, not %', users
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  TRUNCATE tb_comment, tb_post, tb_user, tb_counter, tv_user, tv_post;
  l_restore := blog_internal.drop_indexes(ARRAY['tb_user', 'tb_post', 'tb_comment']::regclass[]);

  -- Users, seeded by their number n (hash salts 0-18).
  INSERT INTO tb_user (id, email, username, full_name, bio, avatar_url, role, is_active, karma,
                       created_at, last_login_at)
  SELECT blog_internal.user_id(n),
         h.username || '@' || (ARRAY['example.com', 'example.org', 'example.net',
                                     'mail.example.com'])[1 + blog_internal.pick(n, 3, 4)],
         h.username,
         CASE WHEN blog_internal.pick(n, 4, 12) = 0
           THEN format('%s "%s" %s', blog_internal.first_name(h.first, 1),
                       (ARRAY['Ace', 'Bug Hunter', 'Kiki', 'el Rápido', 'DJ 🎧'])
                         [1 + blog_internal.pick(n, 5, 5)],
                       blog_internal.last_name(h.last))
           ELSE blog_internal.first_name(h.first, 1) || ' ' || blog_internal.last_name(h.last)
         END,
         CASE WHEN blog_internal.pick(n, 6, 4) <> 0 THEN bio.body END,
         CASE WHEN blog_internal.pick(n, 7, 10) >= 3
           THEN 'https://img.example.com/avatars/' || h.username || '.png' END,
         CASE WHEN h.role_pick < 60 THEN 'reader' WHEN h.role_pick < 90 THEN 'author'
              WHEN h.role_pick < 98 THEN 'editor' ELSE 'admin' END,
         blog_internal.pick(n, 8, 20) <> 0,
         blog_internal.pick(n, 9, 10000) - 100,
         h.created_at,
         CASE WHEN blog_internal.pick(n, 10, 10) <> 0
           THEN h.created_at + make_interval(secs => blog_internal.pick(n, 11, 94608000)) END
    FROM generate_series(1::bigint, users) n
   CROSS JOIN LATERAL (
           SELECT blog_internal.first_name(blog_internal.pick(n, 1, 40), 2) || '_' || n
                    AS username,
                  blog_internal.pick(n, 1, 40) AS first,
                  blog_internal.pick(n, 2, 40) AS last,
                  blog_internal.pick(n, 12, 100) AS role_pick,
                  blog_internal.user_created_at(n, users) AS created_at
           OFFSET 0) h
    JOIN blog_internal.paragraph bio ON bio.id = blog_internal.pick(n, 13, 1024);

  -- Posts, seeded by their ord (salts 19-39).
  INSERT INTO tb_post (id, author_id, title, slug, body, status, published_at, tags, view_count,
                       score, rating, metadata, created_at, updated_at)
  SELECT p.id,
         blog_internal.user_id(p.n),
         t.title,
         t.slug || '-' || p.n || '-' || p.j,
         b1.body || CASE WHEN h.paragraphs >= 2 THEN E'\n\n' || b2.body ELSE '' END
                 || CASE WHEN h.paragraphs >= 3 THEN E'\n\n' || b3.body ELSE '' END,
         p.status,
         p.published_at,
         (ARRAY[blog_internal.tag(h.tag_start), blog_internal.tag(h.tag_start + h.tag_step),
                blog_internal.tag(h.tag_start + 2 * h.tag_step),
                blog_internal.tag(h.tag_start + 3 * h.tag_step),
                blog_internal.tag(h.tag_start + 4 * h.tag_step)])
           [1:blog_internal.pick(p.ord, 23, 6)],
         h.view_count,
         h.view_count / 1000.0::float8 + blog_internal.pick(p.ord, 24, 1000) / 997.0::float8,
         CASE WHEN blog_internal.pick(p.ord, 25, 10) >= 3
           THEN 1 + blog_internal.pick(p.ord, 26, 401) / 100.0 END,
         m.value,
         p.created_at,
         coalesce(p.published_at, p.created_at)
           + CASE WHEN blog_internal.pick(p.ord, 27, 5) = 0
               THEN make_interval(secs => 60 + blog_internal.pick(p.ord, 28, 2592000))
               ELSE interval '0' END
    FROM blog_internal.post_skeleton(users) p
   CROSS JOIN LATERAL (
           SELECT CASE WHEN p.status <> 'draft'
                    THEN blog_internal.pick(p.ord, 29, 1000) * blog_internal.pick(p.ord, 30, 100)
                    ELSE 0 END AS view_count,
                  1 + blog_internal.pick(p.ord, 31, 3) AS paragraphs,
                  blog_internal.pick(p.ord, 32, 31) AS tag_start,
                  1 + blog_internal.pick(p.ord, 33, 30) AS tag_step
           OFFSET 0) h
    JOIN blog_internal.title t ON t.id = blog_internal.pick(p.ord, 34, 512)
    JOIN blog_internal.paragraph b1 ON b1.id = blog_internal.pick(p.ord, 35, 1024)
    JOIN blog_internal.paragraph b2 ON b2.id = blog_internal.pick(p.ord, 36, 1024)
    JOIN blog_internal.paragraph b3 ON b3.id = blog_internal.pick(p.ord, 37, 1024)
    -- 64 of 80 choices have metadata: a fifth of the posts have none.
    LEFT JOIN blog_internal.metadata m ON m.id = blog_internal.pick(p.ord, 38, 80);

  -- Comments, seeded by 16 * post ord + index (salts 40-59): none on drafts, else 0 to 8 (2.9
  -- on average), an hour apart so that a reply (to an earlier comment of the same post) is
  -- always later. Commenters live near the post's author in user numbers, which keeps the
  -- lookups of their names in the views local.
  INSERT INTO tb_comment (id, post_id, author_id, parent_id, body, likes, created_at, edited_at)
  SELECT blog_internal.uuid_of(3, c.ord),
         p.id,
         blog_internal.user_id(1 + (p.n - 1 + users - least(users, 2001) / 2
                                    + blog_internal.pick(c.ord, 40, least(users, 2001))) % users),
         CASE WHEN k > 1 AND blog_internal.pick(c.ord, 41, 3) = 0
           THEN blog_internal.uuid_of(3, p.ord * 16 + 1 + blog_internal.pick(c.ord, 42, k - 1))
         END,
         b.body,
         blog_internal.pick(c.ord, 43, 20) * blog_internal.pick(c.ord, 44, 5),
         c.created_at,
         CASE WHEN blog_internal.pick(c.ord, 45, 7) = 0
           THEN c.created_at + make_interval(secs => 60 + blog_internal.pick(c.ord, 46, 86400))
         END
    FROM blog_internal.post_skeleton(users) p
   CROSS JOIN LATERAL generate_series(
           1, CASE WHEN p.status = 'draft' THEN 0
                   ELSE (ARRAY[0, 1, 1, 2, 2, 3, 3, 4, 5, 8])[1 + blog_internal.pick(p.ord, 39, 10)]
              END) k
   CROSS JOIN LATERAL (
           SELECT p.ord * 16 + k AS ord,
                  p.published_at
                    + make_interval(secs => k * 3600
                                            + blog_internal.pick(p.ord * 16 + k, 47, 3600))
                    AS created_at
           OFFSET 0) c
    JOIN blog_internal.paragraph b ON b.id = blog_internal.pick(c.ord, 48, 1024);

  PERFORM blog_internal.execute_all(l_restore);
  -- Fresh statistics before the views plan their joins over the new rows.
  ANALYZE tb_user, tb_post, tb_comment;
  IF refresh_tv THEN
    PERFORM fn_refresh_tv();
    ANALYZE tv_user, tv_post;
  END IF;

  RETURN QUERY SELECT (SELECT count(*) FROM tb_user), (SELECT count(*) FROM tb_post),
                      (SELECT count(*) FROM tb_comment);
END
$$;

COMMIT;
