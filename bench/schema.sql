-- The end-to-end benchmark data set: users of FraiseQL's "simple" shape (10 fields of mixed
-- types, ≈ 267 bytes of jsonb text per row at 1,000,000 rows) in FraiseQL's conventions.
--
--   tb_user  the base table: 10 real columns
--   v_user   id + data jsonb built per read by jsonb_build_object (the database's costly path)
--   tv_user  id + the same data stored as jsonb (the cheap path)
--
-- This file only creates the objects; bench_fill_users(n) generates n users (the scripts call
-- it from a second SQL file, so the row count is a parameter). Plain SQL without psql
-- meta-commands: `sluice dev --sql` runs it through PQexec. Every value is derived from the row
-- number (no random()), so two data sets of the same size are identical.

-- FraiseQL's mutation result.
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

CREATE TABLE tb_user (
  id            uuid             PRIMARY KEY,
  email         text             NOT NULL,
  username      text             NOT NULL,
  full_name     text             NOT NULL,
  age           integer          NOT NULL,
  is_active     boolean          NOT NULL,
  score         double precision NOT NULL,
  created_at    timestamptz      NOT NULL,
  last_login_at timestamptz,
  bio           text
);

-- RFC 3339 in UTC to the second, independent of the session's TimeZone (docs/SCHEMA.md:
-- Sluice passes values through untouched).
CREATE FUNCTION bench_iso_time(t timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');

CREATE VIEW v_user AS
SELECT u.id,
       jsonb_build_object(
         'id', u.id, 'email', u.email, 'username', u.username, 'full_name', u.full_name,
         'age', u.age, 'is_active', u.is_active, 'score', u.score,
         'created_at', bench_iso_time(u.created_at),
         'last_login_at', bench_iso_time(u.last_login_at), 'bio', u.bio
       ) AS data
  FROM tb_user u;

CREATE TABLE tv_user (
  id   uuid  PRIMARY KEY,
  data jsonb NOT NULL
);

-- Replaces the contents with n users. The rows go in id order, so both tables are physically
-- ordered by their primary key and building the indexes appends only.
CREATE FUNCTION bench_fill_users(n integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  first_names constant text[] := '{Ada,Alan,Barbara,Claude,Donald,Edsger,Frances,Grace,John,'
                                 'Ken,Leslie,Margaret,Niklaus,Radia,Robin,Tony}';
  last_names constant text[] := '{Backus,Dijkstra,Hamilton,Hopper,Knuth,Lamport,Liskov,'
                                'Lovelace,McCarthy,Milner,Perlman,Ritchie,Shannon,Thompson,'
                                'Turing,Wirth}';
BEGIN
  TRUNCATE tb_user, tv_user;
  INSERT INTO tb_user
  SELECT md5('user' || i)::uuid,
         'user' || i || '@mail.io',
         'user' || i,
         first_names[1 + i % 16] || ' ' || last_names[1 + (i / 16) % 16],
         18 + (i::bigint * 7919) % 60,
         i % 5 <> 0,
         ((i::bigint * 2654435761) % 100000) / 1000.0,
         timestamptz '2020-01-01 00:00:00Z' + i * interval '37 seconds',
         CASE WHEN i % 3 <> 0
              THEN timestamptz '2024-01-01 00:00:00Z' + (i % 100000) * interval '61 seconds'
         END,
         CASE WHEN i % 20 = 0 THEN 'Writes about compilers.' END
    FROM generate_series(1, n) AS i
   ORDER BY 1;
  INSERT INTO tv_user SELECT id, data FROM v_user ORDER BY id;
END
$$;

-- The mutation of bench/mutation, FraiseQL style: input {"n": i} names user i (as
-- bench_fill_users numbers them); the function records a login, keeps the stored copy in
-- tv_user in step (so the other benchmarks read the same data through both relations), and
-- answers with the user as v_user shows it. Users are spread over the table, so concurrent
-- calls rarely wait on a lock.
CREATE FUNCTION fn_touch_user(input jsonb) RETURNS mutation_response
LANGUAGE plpgsql AS $$
DECLARE
  l_id uuid := md5('user' || (input ->> 'n'))::uuid;
BEGIN
  UPDATE tb_user SET last_login_at = now() WHERE id = l_id;
  IF NOT FOUND THEN
    RETURN ROW('not_found:user', 'no such user', NULL, 'User', NULL, NULL, NULL,
               jsonb_build_object('errors', jsonb_build_array()))::mutation_response;
  END IF;
  UPDATE tv_user SET data = v.data FROM v_user v WHERE tv_user.id = l_id AND v.id = l_id;
  RETURN ROW('updated', 'login recorded', l_id::text, 'User',
             (SELECT data FROM tv_user WHERE id = l_id), ARRAY['last_login_at'], NULL,
             NULL)::mutation_response;
END
$$;
