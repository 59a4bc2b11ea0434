-- Test-only mutation functions for src/cli/mutation_e2e_pgtest.cpp, loaded after the blog
-- example's schema.sql. Each writes a row to tb_probe_log first, so that a rollback shows.
BEGIN;

CREATE TABLE tb_probe_log (
  id   serial PRIMARY KEY,
  note text   NOT NULL
);

-- Returns the status, message and metadata it is given.
CREATE FUNCTION fn_status_probe(input jsonb) RETURNS mutation_response
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tb_probe_log (note) VALUES (input ->> 'status');
  RETURN ROW(input ->> 'status', input ->> 'message', NULL, NULL, NULL, NULL, NULL,
             input -> 'metadata')::mutation_response;
END
$$;

-- Sleeps after its write: a client that leaves meanwhile must leave nothing behind.
CREATE FUNCTION fn_slow_write(input jsonb) RETURNS mutation_response
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tb_probe_log (note) VALUES ('slow');
  PERFORM pg_sleep((input ->> 'seconds')::float8);
  RETURN ROW('ok', 'slept', NULL, NULL, NULL, NULL, NULL, NULL)::mutation_response;
END
$$;

-- Plain jsonb: the object of a @view type itself (a counter as v_counter shows it), and the
-- argument object it was called with, so the test sees the keys.
CREATE FUNCTION fn_counter_json(input jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tb_probe_log (note) VALUES (input::text);
  RETURN (SELECT data FROM v_counter WHERE id = input ->> 'counter_name');
END
$$;

-- Raises: a PostgreSQL error inside a function is a field error with its SQLSTATE.
CREATE FUNCTION fn_raise(input jsonb) RETURNS mutation_response
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tb_probe_log (note) VALUES ('raise');
  RAISE EXCEPTION 'probe failure: %', input ->> 'message' USING ERRCODE = 'P0001';
END
$$;

COMMIT;
