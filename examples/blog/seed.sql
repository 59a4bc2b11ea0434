-- The demo data set: 10,000 users with their posts, comments and the table views.
-- Deterministic: every run produces the same bytes. Run after schema.sql:
--   psql -v ON_ERROR_STOP=1 -d blog -f seed.sql
SELECT * FROM fn_generate_blog(10000);
