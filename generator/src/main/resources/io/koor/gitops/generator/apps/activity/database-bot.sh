#!/bin/sh
# Database bot: writes and reads rows at a steady rate (pgbench --rate, with database-bot.sql) for
# DB_BOT_SECONDS, keeping at most DB_BOT_MAX_ROWS rows in its table so it never fills the volume.
# Connection from libpq's environment (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD: the keys of
# CloudNativePG's <cluster>-app Secret). Needs psql and pgbench (both in the PostgreSQL images).
set -eu
rate=${DB_BOT_RATE:-5}
seconds=${DB_BOT_SECONDS:-240}
keep=${DB_BOT_MAX_ROWS:-100000}
here=$(dirname "$0")
psql -v ON_ERROR_STOP=1 -q <<SQL
CREATE TABLE IF NOT EXISTS activity_bot (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), payload text);
DELETE FROM activity_bot WHERE id <= (SELECT max(id) FROM activity_bot) - $keep;
SQL
pgbench -n -c 1 -R "$rate" -T "$seconds" -f "$here/database-bot.sql"
