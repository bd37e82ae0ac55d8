#!/usr/bin/env bash
# Runs once on a new postgres volume: one database and one role per service; no role may connect elsewhere.
set -euo pipefail
for service in content enrolment notifications reporting; do
  var="$(echo "$service" | tr a-z A-Z)_DB_PASSWORD"
  password="${!var:?$var must be set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v svc="$service" -v pw="$password" <<'SQL'
CREATE ROLE :"svc" LOGIN PASSWORD :'pw' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE :"svc" OWNER :"svc";
REVOKE CONNECT ON DATABASE :"svc" FROM PUBLIC;
SQL
done
