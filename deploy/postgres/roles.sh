#!/bin/sh
# Run once by the PostgreSQL container on its first start (mounted into /docker-entrypoint-initdb.d): the host's two
# roles, each with its own password from the environment, and the database, owned by the owner role. The host grants
# the everyday role what it needs at every start (README, "Database roles").
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$BEKYMRING_OWNER_PASSWORD" -v app_password="$BEKYMRING_APP_PASSWORD" <<'SQL'
CREATE ROLE bekymring_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE bekymring_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :'app_password';
CREATE DATABASE bekymringssamtale OWNER bekymring_owner;
SQL
