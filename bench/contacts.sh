#!/usr/bin/env bash
# Contact search benchmark (see bench/README.md, "Contacts").
#
#   bash bench/contacts.sh [--build] [--contacts N] [--api-contacts N]
#
# Starts the app (demo data) with an embedded PostgreSQL on a fixed port and a fresh data directory,
# then, for the demo tenant shop-a:
#   1. creates --api-contacts contacts (default 2000) through POST /api/v1/contacts with 8 clients
#      and reports contacts created per second;
#   2. seeds --contacts rows (default 100000) straight into the contacts read table with SQL;
#   3. times GET /api/v1/contacts?q=… (one client, 200 requests per term, several kinds of term)
#      and GET /api/v1/segments/{id} of a stage + tag + custom field segment (its live count);
#      and reports p50/p99, plus the query plan of one search.
# Everything it starts is stopped on exit. Only 127.0.0.1 is contacted.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
CONTACTS=100000
API_CONTACTS=2000
SAMPLES=${BENCH_SEARCH_SAMPLES:-200}
PG_PORT=${BENCH_PG_PORT:-54339}
PORT=${BENCH_PORT:-18091}
JAR=${BENCH_JAR:-$ROOT/app/target/tenantcore.jar}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms512m -Xmx1g}
ORIGIN=http://shop-a.localhost
BUILD=auto

while [ $# -gt 0 ]; do
    case $1 in
        --build) BUILD=always ;;
        --contacts) CONTACTS=$2; shift ;;
        --api-contacts) API_CONTACTS=$2; shift ;;
        *) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 64 ;;
    esac
    shift
done

RUN_DIR=$BENCH_DIR/results/contacts-$(date -u +%Y%m%dT%H%M%SZ)
PGDATA_DIR=$BENCH_DIR/results/contacts-pgdata
mkdir -p "$RUN_DIR"
log() { echo "[contacts-bench $(date -u +%T)] $*" >&2; }
die() { log "$*"; exit 1; }
APP_PID=

stop_embedded_pg() {
    local pidfile=$PGDATA_DIR/postmaster.pid pid i
    [ -f "$pidfile" ] || return 0
    pid=$(head -n1 "$pidfile" 2>/dev/null || true)
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 0
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$PGDATA_DIR" || return 0
    kill -INT "$pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -TERM "$APP_PID"
        for ((i = 0; i < 300; i++)); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$APP_PID" 2>/dev/null
    fi
    stop_embedded_pg
    rm -rf "$PGDATA_DIR"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v psql >/dev/null || die "psql is missing (apt-get install postgresql-client)"
if [ "$BUILD" = always ] || [ ! -f "$JAR" ]; then
    log "building $JAR"
    (cd "$ROOT" && ./mvnw -q -DskipTests package) >"$RUN_DIR/build.log" 2>&1 || die "build failed: $RUN_DIR/build.log"
fi
stop_embedded_pg
rm -rf "$PGDATA_DIR"
RUN_JAR=$RUN_DIR/tenantcore.jar
cp "$JAR" "$RUN_JAR"

log "starting the app on 127.0.0.1:$PORT, embedded PostgreSQL on $PG_PORT"
env -u DATABASE_URL -u SPRING_DATASOURCE_URL -u SPRING_PROFILES_ACTIVE AXONIQ_UPDATE_CHECKER_DISABLED=true \
    java $JAVA_OPTS -jar "$RUN_JAR" --server.address=127.0.0.1 --server.port="$PORT" \
    --spring.profiles.active=demo --app.rate-limits.enabled=false \
    --app.embedded-db.data-dir="$PGDATA_DIR" --app.embedded-db.port="$PG_PORT" \
    >"$RUN_DIR/app.log" 2>&1 &
APP_PID=$!
t0=$SECONDS
until [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness" || true)" = 200 ]; do
    kill -0 "$APP_PID" 2>/dev/null || die "the app exited; see $RUN_DIR/app.log"
    ((SECONDS - t0 < 240)) || die "the app is not ready after 240 s; see $RUN_DIR/app.log"
    sleep 1
done
log "app ready after $((SECONDS - t0)) s"

psql_su() { PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d tenantcore "$@"; }
bench() { java "$BENCH_DIR/ContactsBench.java" "$@" base="http://127.0.0.1:$PORT" origin="$ORIGIN" \
    email=owner@shop-a.localhost password='demo1234!'; }
result() { sed -n "s/^RESULT $2=//p" "$1" | tail -n1; }

log "creating $API_CONTACTS contacts through the API (8 clients)"
bench seed count="$API_CONTACTS" clients=8 >"$RUN_DIR/seed-api.txt"

TENANT=$(psql_su -Atc "SELECT id FROM platform_tenants WHERE slug = 'shop-a'")
[ -n "$TENANT" ] || die "shop-a is not in platform_tenants"
log "seeding $CONTACTS contacts of shop-a ($TENANT) with SQL"
t_seed=$SECONDS
# The runtime role never bypasses row-level security; this seeding runs as the superuser, straight
# into the read table (no events: the search reads only this table).
psql_su <<SQL
INSERT INTO contacts (tenant_id, id, name, company, emails, phones, stage, tags, status, version, created_at, updated_at)
SELECT '$TENANT', gen_random_uuid(),
       (ARRAY['Ana','Bruno','Carla','David','Elena','Farid','Greta','Hugo','Ines','Jonas','Kira','Luis'])[1 + i % 12]
           || ' ' || (ARRAY['Garcia','Smith','Novak','Rossi','Kowalski','Dubois','Silva','Jensen','Okafor','Tanaka'])[1 + (i / 12) % 10]
           || ' ' || i,
       'Company ' || (i % 5000),
       ARRAY['contact' || i || '@seed' || (i % 50) || '.example'],
       ARRAY['+3460' || lpad(i::text, 7, '0')],
       (ARRAY['subscriber','lead','opportunity','customer'])[1 + i % 4],
       CASE WHEN i % 10 = 0 THEN ARRAY['vip'] ELSE '{}'::text[] END,
       'active', 0,
       now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval
  FROM generate_series(1, $CONTACTS) AS i;
ANALYZE contacts;
SQL
log "seeded in $((SECONDS - t_seed)) s"

TERMS=(term=okafor term=contact4242 term=seed7.example term=60000123 "term=company 4999" term=zzzz-nothing)
log "timing searches ($SAMPLES per term)"
bench search samples="$SAMPLES" "${TERMS[@]}" >"$RUN_DIR/search.txt"
# The plan as the application's role sees it: under row-level security, for the tenant.
psql_su >"$RUN_DIR/plan.txt" <<SQL
BEGIN;
SET LOCAL ROLE tenantcore_app;
SELECT set_config('app.tenant_id', '$TENANT', true);
EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM contacts
 WHERE status = 'active' AND search_text LIKE '%okafor%' ORDER BY created_at, id LIMIT 21;
COMMIT;
SQL

# A segment over the seeded contacts (stage + tag + custom field), read with its live count.
bench segment-define >"$RUN_DIR/segment-define.txt"
FIELD=$(result "$RUN_DIR/segment-define.txt" field_id)
SEGMENT=$(result "$RUN_DIR/segment-define.txt" segment_id)
psql_su -c "UPDATE contacts SET custom_fields = jsonb_build_object('$FIELD', (hashtext(id::text) & 1023) % 100)
             WHERE tenant_id = '$TENANT'; ANALYZE contacts;"
log "timing the segment's count ($SAMPLES reads)"
bench segment-count id="$SEGMENT" samples="$SAMPLES" >"$RUN_DIR/segment.txt"

ROWS=$(psql_su -Atc "SELECT count(*) FROM contacts WHERE tenant_id = '$TENANT'")
{
    echo "| measure | value |"
    echo "|---|---|"
    echo "| contacts created through the API, 8 clients (contacts/s) | $(result "$RUN_DIR/seed-api.txt" api_contacts_per_s) ($(result "$RUN_DIR/seed-api.txt" api_created) created, $(result "$RUN_DIR/seed-api.txt" api_failed) failed) |"
    echo "| contacts of the tenant searched | $ROWS |"
    echo "| GET /contacts?q=…, p50 (ms) | $(result "$RUN_DIR/search.txt" search_p50_ms) |"
    echo "| GET /contacts?q=…, p99 (ms) | $(result "$RUN_DIR/search.txt" search_p99_ms) |"
    echo "| GET /segments/{id} (stage + tag + field, $(result "$RUN_DIR/segment.txt" segment_contacts) members), p50 (ms) | $(result "$RUN_DIR/segment.txt" segment_p50_ms) |"
    echo "| GET /segments/{id}, p99 (ms) | $(result "$RUN_DIR/segment.txt" segment_p99_ms) |"
    echo
    grep '^RESULT term' "$RUN_DIR/search.txt" | sed 's/^RESULT /  /'
    echo
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cpu"
} | tee "$RUN_DIR/summary.md"
