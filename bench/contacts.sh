#!/usr/bin/env bash
# Contact search benchmark (see bench/README.md, "Contacts").
#
#   bash bench/contacts.sh [--build] [--contacts N] [--api-contacts N] [--tenant-contacts N]
#
# Starts the app (demo data) with an embedded PostgreSQL on a fixed port and a fresh data directory,
# then, for the demo tenant shop-a:
#   1. creates --api-contacts contacts (default 2000) through POST /api/v1/contacts with 8 clients
#      and reports contacts created per second;
#   2. seeds --contacts rows (default 100000) straight into the contacts read table with SQL;
#   3. times GET /api/v1/contacts?q=… (one client, 200 requests per term, several kinds of term)
#      and reports p50/p99, plus the query plan of one search; times the statement the search ran
#      before V31 (LIKE alone) for the same terms as the app's role, with pgbench, in the same run;
#   4. seeds 9 more tenants with --tenant-contacts rows each (default 20000; one of them is the demo
#      tenant shop-b) and times the search again in shop-b and in shop-a: one tenant among 10.
#   5. times GET /api/v1/segments/{id} of a stage + tag + custom field segment (its live count) in shop-a.
# Everything it starts is stopped on exit. Only 127.0.0.1 is contacted.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
CONTACTS=100000
API_CONTACTS=2000
TENANT_CONTACTS=20000
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
        --tenant-contacts) TENANT_CONTACTS=$2; shift ;;
        *) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 64 ;;
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
command -v pgbench >/dev/null || die "pgbench is missing (apt-get install postgresql-contrib)"
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
# The runtime role never bypasses row-level security; this seeding runs as the superuser, straight
# into the read table (no events: the search reads only this table and its search keys, which the
# table's trigger writes).
seed_sql() { # tenant count
    psql_su <<SQL
INSERT INTO contacts (tenant_id, id, name, company, emails, phones, stage, tags, status, version, created_at, updated_at)
SELECT '$1', gen_random_uuid(),
       (ARRAY['Ana','Bruno','Carla','David','Elena','Farid','Greta','Hugo','Ines','Jonas','Kira','Luis'])[1 + i % 12]
           || ' ' || (ARRAY['Garcia','Smith','Novak','Rossi','Kowalski','Dubois','Silva','Jensen','Okafor','Tanaka'])[1 + (i / 12) % 10]
           || ' ' || i,
       'Company ' || (i % 5000),
       ARRAY['contact' || i || '@seed' || (i % 50) || '.example'],
       ARRAY['+3460' || lpad(i::text, 7, '0')],
       (ARRAY['subscriber','lead','opportunity','customer'])[1 + i % 4],
       CASE WHEN i % 10 = 3 THEN ARRAY['vip'] ELSE '{}'::text[] END,
       'active', 0,
       now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval
  FROM generate_series(1, $2) AS i;
SQL
    # As autovacuum leaves them in time: statistics, and a visibility map that lets the keys be read
    # from their index alone (right after a bulk insert every key would cost a heap visit).
    psql_su -c "VACUUM (ANALYZE) contacts, contact_search_keys"
}
log "seeding $CONTACTS contacts of shop-a ($TENANT) with SQL"
t_seed=$SECONDS
seed_sql "$TENANT" "$CONTACTS"
SEED_SECONDS=$((SECONDS - t_seed))
log "seeded in $SEED_SECONDS s"

TERMS=(okafor contact4242 seed7.example 60000123 "company 4999" zzzz-nothing)
search_api() { # origin email output
    java "$BENCH_DIR/ContactsBench.java" search samples="$SAMPLES" "${TERMS[@]/#/term=}" base="http://127.0.0.1:$PORT" \
        origin="$1" email="$2" password='demo1234!' >"$3"
}
# Before V31 the search ran this statement alone (LIKE on search_text, which no index serves under
# forced row-level security). pgbench times it per term as the application's role, for the tenant,
# without HTTP: a lower bound of what the search cost through the API before.
cat >"$RUN_DIR/search-before.sql" <<'SQL'
BEGIN;
SET LOCAL ROLE tenantcore_app;
SELECT set_config('app.tenant_id', :tenant, true);
SELECT * FROM contacts WHERE status = 'active' AND search_text LIKE :pattern ORDER BY created_at, id LIMIT 21;
END;
SQL
search_before() { # tenant output
    local term all=$RUN_DIR/search-before-latencies.txt
    : >"$all"
    for term in "${TERMS[@]}"; do
        rm -f "$RUN_DIR"/pgbench_log.*
        (cd "$RUN_DIR" && pgbench -n -M prepared -c 1 -t "$SAMPLES" -l -h 127.0.0.1 -p "$PG_PORT" -U postgres \
            -D tenant="$1" -D pattern="%${term,,}%" -f search-before.sql tenantcore) >/dev/null 2>&1 \
            || die "pgbench failed for $term"
        awk '{print $3 / 1000}' "$RUN_DIR"/pgbench_log.* | sort -n >"$RUN_DIR/latencies"
        echo "RESULT term[$term] p50_ms=$(pct "$RUN_DIR/latencies" 50) p99_ms=$(pct "$RUN_DIR/latencies" 99)"
        cat "$RUN_DIR/latencies" >>"$all"
    done >"$2"
    sort -n "$all" -o "$all"
    { echo "RESULT search_p50_ms=$(pct "$all" 50)"; echo "RESULT search_p99_ms=$(pct "$all" 99)"; } >>"$2"
    rm -f "$RUN_DIR"/pgbench_log.* "$RUN_DIR/latencies"
}
pct() { # sorted-file percentile (nearest rank)
    awk -v p="$2" '{v[NR] = $1} END {i = int(p / 100 * NR + 0.999999); if (i < 1) i = 1; printf "%.1f", v[i]}' "$1"
}

log "timing searches in shop-a, one tenant ($SAMPLES per term): the statement before V31, then the API"
search_before "$TENANT" "$RUN_DIR/search-before.txt"
search_api "$ORIGIN" owner@shop-a.localhost "$RUN_DIR/search.txt"
# The plan as the application's role sees it: under row-level security, for the tenant.
psql_su >"$RUN_DIR/plan.txt" <<SQL
BEGIN;
SET LOCAL ROLE tenantcore_app;
SELECT set_config('app.tenant_id', '$TENANT', true);
EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM contacts
 WHERE status = 'active' AND search_text LIKE '%company 4999%' ORDER BY created_at, id LIMIT 21;
COMMIT;
SQL
# The first half of the search since V31, as the app's role: the keys of the query's rarest word
# ("4999" of "company 4999") found by a range on the primary key; the LIKE then reads only those.
psql_su >"$RUN_DIR/plan-keys.txt" <<SQL
BEGIN;
SET LOCAL ROLE tenantcore_app;
SELECT set_config('app.tenant_id', '$TENANT', true);
EXPLAIN (ANALYZE, BUFFERS) SELECT contact_id FROM contact_search_keys
 WHERE key >= '4999' AND key < '4999' || chr(1114111) LIMIT 2001;
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

# One tenant among 10: shop-b and 8 tenants that only have contacts get --tenant-contacts each.
TENANT_B=$(psql_su -Atc "SELECT id FROM platform_tenants WHERE slug = 'shop-b'")
[ -n "$TENANT_B" ] || die "shop-b is not in platform_tenants"
log "seeding 9 more tenants with $TENANT_CONTACTS contacts each"
t_seed=$SECONDS
seed_sql "$TENANT_B" "$TENANT_CONTACTS"
for ((t = 0; t < 8; t++)); do
    seed_sql "$(cat /proc/sys/kernel/random/uuid)" "$TENANT_CONTACTS"
done
SEED10_SECONDS=$((SECONDS - t_seed))
log "seeded in $SEED10_SECONDS s; timing searches in shop-b and shop-a among 10 tenants"
search_api http://shop-b.localhost owner@shop-b.localhost "$RUN_DIR/search-10-b.txt"
search_api "$ORIGIN" owner@shop-a.localhost "$RUN_DIR/search-10-a.txt"

ROWS=$(psql_su -Atc "SELECT count(*) FROM contacts WHERE tenant_id = '$TENANT'")
ROWS_B=$(psql_su -Atc "SELECT count(*) FROM contacts WHERE tenant_id = '$TENANT_B'")
ROWS_ALL=$(psql_su -Atc "SELECT count(*) FROM contacts")
KEYS=$(psql_su -Atc "SELECT count(*) || ' rows, ' || pg_size_pretty(pg_total_relation_size('contact_search_keys'))
    || ' (contacts: ' || pg_size_pretty(pg_total_relation_size('contacts')) || ')' FROM contact_search_keys")
p5099() { echo "$(result "$1" search_p50_ms) / $(result "$1" search_p99_ms)"; }
{
    echo "| measure | value |"
    echo "|---|---|"
    echo "| contacts created through the API, 8 clients (contacts/s) | $(result "$RUN_DIR/seed-api.txt" api_contacts_per_s) ($(result "$RUN_DIR/seed-api.txt" api_created) created, $(result "$RUN_DIR/seed-api.txt" api_failed) failed) |"
    echo "| contacts of shop-a searched | $ROWS (seeded with SQL in $SEED_SECONDS s, search keys included) |"
    echo "| before V31: the LIKE statement alone, as the app role, p50 / p99 (ms) | $(p5099 "$RUN_DIR/search-before.txt") |"
    echo "| GET /contacts?q=…, one tenant, p50 / p99 (ms) | $(p5099 "$RUN_DIR/search.txt") |"
    echo "| 10 tenants: contacts in the table | $ROWS_ALL (9 × $TENANT_CONTACTS seeded in $SEED10_SECONDS s) |"
    echo "| GET /contacts?q=… in shop-b ($ROWS_B contacts) among 10 tenants, p50 / p99 (ms) | $(p5099 "$RUN_DIR/search-10-b.txt") |"
    echo "| GET /contacts?q=… in shop-a ($ROWS contacts) among 10 tenants, p50 / p99 (ms) | $(p5099 "$RUN_DIR/search-10-a.txt") |"
    echo "| contact_search_keys | $KEYS |"
    echo "| GET /segments/{id} (stage + tag + field, $(result "$RUN_DIR/segment.txt" segment_contacts) members), p50 (ms) | $(result "$RUN_DIR/segment.txt" segment_p50_ms) |"
    echo "| GET /segments/{id}, p99 (ms) | $(result "$RUN_DIR/segment.txt" segment_p99_ms) |"
    echo
    for f in search-before search search-10-b search-10-a; do
        echo "$f (per term):"
        grep '^RESULT term' "$RUN_DIR/$f.txt" | sed 's/^RESULT /  /'
    done
    echo
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cpu"
} | tee "$RUN_DIR/summary.md"
