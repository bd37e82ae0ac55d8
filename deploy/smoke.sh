#!/usr/bin/env bash
# Smoke test of the compose stack, for an operator on a Docker host (none exists where this was written):
# builds and starts everything (observability profile included) under its own project name with throwaway
# secrets, waits for every health check, runs the README's walking skeleton through the one origin, checks
# that a trace reached Jaeger and that Prometheus scrapes every service, and tears it all down.
#   deploy/smoke.sh [--dry-run] [--keep]
# --dry-run prints the commands (on stderr) instead of running them; --keep leaves the stack up.
# Needs: docker (compose v2), curl, openssl, and `make install` (for .venv/bin/python). Uses ports 8080,
# 9094, 8025, 16686 and 9090 of this host: stop another stack using them first.
set -euo pipefail
cd "$(dirname "$0")/.."

DRY_RUN=0
KEEP=0
for arg in "$@"; do
  case "$arg" in
    --dry-run) DRY_RUN=1 ;;
    --keep) KEEP=1 ;;
    -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "smoke: unknown argument $arg" >&2; exit 2 ;;
  esac
done

PROJECT=learningcity-smoke
ORIGIN=${SMOKE_ORIGIN:-http://127.0.0.1:8080}
JAEGER=${SMOKE_JAEGER:-http://127.0.0.1:16686}
PROMETHEUS=${SMOKE_PROMETHEUS:-http://127.0.0.1:9090}
DEADLINE_SECONDS=${SMOKE_TIMEOUT:-600}
PYTHON=${PYTHON:-.venv/bin/python}
WORK=deploy/.smoke
CERT=deploy/kafka/tls/broker.pem
SERVICES=(content enrolment notifications reporting)
CREATED_CERT=0

say() { printf 'smoke: %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; exit 1; }
run() { if [ "$DRY_RUN" = 1 ]; then printf '+ %s\n' "$*" >&2; else "$@"; fi; }
compose() {
  run docker compose -p "$PROJECT" --env-file "$WORK/smoke.env" -f docker-compose.yml \
    -f deploy/smoke.compose.yml --profile observability "$@"
}
http() { run curl -fsS --max-time 10 "$@"; }
# `expect CODE` reads JSON on stdin and exits 0 when the Python expression CODE (over `doc`) is true.
expect() { if [ "$DRY_RUN" = 1 ]; then cat >/dev/null; else "$PYTHON" -c "import json,sys; doc=json.load(sys.stdin); sys.exit(0 if ($1) else 1)"; fi; }
secret() { "$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(24))'; }

# Retries "$@" every 2 s for up to $1 seconds.
retry() {
  local seconds=$1 waited=0
  shift
  until "$@"; do
    [ "$DRY_RUN" = 1 ] && return 0
    waited=$((waited + 2))
    [ "$waited" -ge "$seconds" ] && return 1
    sleep 2
  done
}

write_env() {
  mkdir -p "$WORK/idp"
  {
    echo "KAFKA_CLUSTER_ID=$("$PYTHON" -c 'import base64,uuid; print(base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode())')"
    echo "KAFKA_EXTERNAL_HOST=localhost"
    echo "CITY_LMS_KAFKA_PASSWORD=$(secret)"
    for service in "${SERVICES[@]}"; do
      upper=$(echo "$service" | tr '[:lower:]' '[:upper:]')
      echo "${upper}_POSTGRES_PASSWORD=$(secret)"
      echo "${upper}_DB_PASSWORD=$(secret)"
      echo "${upper}_DB_OWNER_PASSWORD=$(secret)"
    done
    echo "JWT_JWKS_URL=http://smoke-idp/jwks.json"
    echo "JWT_ISSUER=learningcity-smoke"
    echo "JWT_AUDIENCE=learningcity"
    echo "OTEL_EXPORTER_OTLP_ENDPOINT=http://otel-collector:4318"
    echo "CORS_ORIGINS=[]"
  } >"$WORK/smoke.env"
  eval "$("$PYTHON" deploy/smoke_idp.py "$WORK/idp" learningcity-smoke learningcity)"
}

broker_certificate() {
  [ -f "$CERT" ] && return 0
  say "no $CERT: a self-signed one for this run"
  run openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
    -keyout "$WORK/broker.key" -out "$WORK/broker.crt"
  [ "$DRY_RUN" = 1 ] || cat "$WORK/broker.key" "$WORK/broker.crt" >"$CERT"
  CREATED_CERT=1
}

teardown() {
  if [ "$KEEP" = 1 ]; then say "left running (--keep): docker compose -p $PROJECT down -v"; return; fi
  compose down -v --remove-orphans || true
  [ "$CREATED_CERT" = 1 ] && rm -f "$CERT"
  rm -rf "$WORK"
}

# Every container healthy (or, without a health check, running); one-shots exited 0; any other exit fails.
converged() {
  local states
  states=$(compose ps -a --format '{{.Service}} {{.State}} {{.Health}} {{.ExitCode}}')
  [ "$DRY_RUN" = 1 ] && return 0
  if grep -E ' exited [a-z]* *[1-9][0-9]*$' <<<"$states"; then fail "a container exited with an error"; fi
  ! grep -vE ' (running healthy|running  |exited  ?0)' <<<"$states" >/dev/null
}

walking_skeleton() {
  local course course_json
  course_json='{"code":"SMOKE-101","title_vi":"Kiểm tra khói","title_en":"Smoke test","theme":"digital_skills","delivery_mode":"online","capacity":100}'
  course=$(http -X POST "$ORIGIN/api/content/v1/courses" -H "Authorization: Bearer $EDITOR" \
    -H 'Content-Type: application/json' -d "$course_json")
  course=$(if [ "$DRY_RUN" = 1 ]; then echo course-id; else "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$course"; fi)
  say "course $course published; enrolling once enrolment has consumed it"
  retry 60 http -o /dev/null -X POST "$ORIGIN/api/enrolment/v1/enrolments" \
    -H "Authorization: Bearer $LEARNER_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"course_id\":\"$course\",\"learner_id\":\"$LEARNER\"}" || fail "enrolment"
  retry 60 messages_arrived || fail "no confirmation message reached notifications"
  http "$ORIGIN/api/reporting/v1/statistics/enrolments" -H "Authorization: Bearer $ANALYST" >/dev/null
  for service in "${SERVICES[@]}"; do
    http -o /dev/null "$ORIGIN/api/$service/docs"
    http "$ORIGIN/api/$service/openapi.json" | expect '"paths" in doc'
  done
  http "$ORIGIN/asyncapi.json" | expect '"channels" in doc'
}

messages_arrived() {
  http "$ORIGIN/api/notifications/v1/learners/$LEARNER/messages" \
    -H "Authorization: Bearer $LEARNER_TOKEN" | expect 'len(doc.get("items", doc) if isinstance(doc, dict) else doc) > 0'
}

trace_reached_jaeger() {
  http "$JAEGER/api/traces?service=enrolment&limit=1" | expect 'len(doc["data"]) > 0'
}

metrics_reached_prometheus() {
  http -G "$PROMETHEUS/api/v1/query" --data-urlencode 'query=count(up{job="learningcity"} == 1)' |
    expect "doc['data']['result'] and doc['data']['result'][0]['value'][1] == '${#SERVICES[@]}'"
}

main() {
  mkdir -p "$WORK"
  trap teardown EXIT
  write_env
  broker_certificate
  say "building and starting $PROJECT"
  compose up -d --build
  say "waiting for every health check (up to ${DEADLINE_SECONDS}s)"
  retry "$DEADLINE_SECONDS" converged || { compose ps -a; fail "the stack did not become healthy"; }
  walking_skeleton
  retry 60 trace_reached_jaeger || fail "no trace of enrolment in Jaeger"
  retry 90 metrics_reached_prometheus || fail "Prometheus does not scrape every service"
  say "OK: healthy, walking skeleton through $ORIGIN, traces in Jaeger, metrics in Prometheus"
}

main
