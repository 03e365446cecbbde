-- One transaction of the database bot (pgbench script): a row written, the newest rows read back.
\set n random(1, 1000000000)
INSERT INTO activity_bot (payload) VALUES (md5(:n::text));
SELECT count(*), max(at) FROM (SELECT at FROM activity_bot ORDER BY id DESC LIMIT 100) AS recent;
