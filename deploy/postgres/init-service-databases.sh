#!/usr/bin/env bash
# Runs once on a new postgres volume. Per service: <svc>_owner owns the database and its schema and runs the
# migrations (`migrate`); <svc> is the runtime role (`serve`): it may only read and write rows and use
# sequences, also of tables that later migrations create; no CREATE, no TEMPORARY, no TRUNCATE.
# No role may connect to another service's database. Mirrors infra/src/localinfra/pg_roles.py.
# SERVICES names the services whose databases this server holds (compose: one server per service).
set -euo pipefail
for service in ${SERVICES:-content enrolment notifications reporting}; do
  upper="$(echo "$service" | tr '[:lower:]' '[:upper:]')"
  var="${upper}_DB_PASSWORD" owner_var="${upper}_DB_OWNER_PASSWORD"
  password="${!var:?$var must be set}"
  owner_password="${!owner_var:?$owner_var must be set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v svc="$service" -v owner="${service}_owner" -v pw="$password" -v owner_pw="$owner_password" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'owner_pw' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE ROLE :"svc" LOGIN PASSWORD :'pw' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE DATABASE :"svc" OWNER :"owner";
REVOKE ALL ON DATABASE :"svc" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"svc" TO :"svc";
SQL
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$service" \
       -v svc="$service" -v owner="${service}_owner" <<'SQL'
ALTER SCHEMA public OWNER TO :"owner";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"svc";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"svc";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"svc";
SQL
done
