#!/usr/bin/env bash
# Replay benchmark: events per second into the catalogue projection (see bench/README.md, "Replay").
#
#   bash bench/replay.sh [--build] [--events N] [--small N]
#
# Starts the app (demo data) with an embedded PostgreSQL on a fixed port and a fresh data directory,
# gives shop-a a long catalogue history and measures, through the platform API
# (POST /api/v1/platform/projections/catalog/rebuild, then GET …/rebuilds/{id} until it completes):
#   1. at --small events of shop-a (default 10000): a per-tenant rebuild of shop-a, then a full one;
#   2. at --events events of shop-a (default 100000): the same;
#   3. with shop-b's history of as many events beside it: shop-a alone again, then in full.
# A per-tenant figure is shop-a's events replayed per second (removal of its rows included); a full
# figure is event-store positions per second until the catalogue processor has caught up again (it
# reads every event of every tenant and applies those it has handlers for). Each figure is printed
# with its ratio to the 7,500 events/s target, the load average and, as the baseline of the same
# run, PostgreSQL alone reading the tenant's stream (SELECT of the same index range, no application).
#
# The history is made of price changes: one PATCH through the API per product, whose stored event
# the script copies with SQL under the following sequence numbers (as the superuser of the embedded
# server, which the runtime role never is). Each copy is a real event of the product that the
# projection applies as a versioned update. Everything it starts is stopped on exit. Only 127.0.0.1
# is contacted.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
EVENTS=100000
SMALL=10000
PRODUCTS=${BENCH_REPLAY_PRODUCTS:-100}
PG_PORT=${BENCH_PG_PORT:-54349}
PORT=${BENCH_PORT:-18101}
JAR=${BENCH_JAR:-$ROOT/app/target/tenantcore.jar}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms512m -Xmx1g}
TARGET=7500
START_TIMEOUT=${BENCH_START_TIMEOUT:-240}
BUILD=auto

while [ $# -gt 0 ]; do
    case $1 in
        --build) BUILD=always ;;
        --events) EVENTS=$2; shift ;;
        --small) SMALL=$2; shift ;;
        *) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 64 ;;
    esac
    shift
done

RUN_DIR=$BENCH_DIR/results/replay-$(date -u +%Y%m%dT%H%M%SZ)
PGDATA_DIR=$BENCH_DIR/results/replay-pgdata
mkdir -p "$RUN_DIR"
log() { echo "[replay-bench $(date -u +%T)] $*" >&2; }
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
command -v jq >/dev/null || die "jq is missing (apt-get install jq)"
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
    ((SECONDS - t0 < START_TIMEOUT)) || die "the app is not ready after $START_TIMEOUT s; see $RUN_DIR/app.log"
    sleep 1
done
log "app ready after $((SECONDS - t0)) s"

BASE=http://127.0.0.1:$PORT
psql_su() { PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d tenantcore "$@"; }
login() { # origin email password
    curl -sf -H "Origin: $1" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$2\",\"password\":\"$3\"}" "$BASE/api/v1/auth/login" | jq -r .accessToken
}
ADMIN=$(curl -sf -H 'Content-Type: application/json' -d '{"email":"admin@localhost","password":"admin1234!"}' \
    "$BASE/api/v1/auth/login" | jq -r .accessToken)
[ -n "$ADMIN" ] && [ "$ADMIN" != null ] || die "the platform admin cannot sign in"

tenant_id() { psql_su -Atc "SELECT id FROM platform_tenants WHERE slug = '$1'"; }
SHOP_A=$(tenant_id shop-a)
SHOP_B=$(tenant_id shop-b)
[ -n "$SHOP_A" ] && [ -n "$SHOP_B" ] || die "the demo shops are missing"

# Products of a shop, each with one price change through the API: the event the history copies.
declare -A SEEDED=()
make_products() { # slug
    local origin=http://$1.localhost token i id
    token=$(login "$origin" "owner@$1.localhost" 'demo1234!')
    for ((i = 0; i < PRODUCTS; i++)); do
        id=$(curl -sf -H "Origin: $origin" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
            -H 'Prefer: return=representation' \
            -d "{\"name\":\"Replay $i\",\"slug\":\"replay-$i\",\"kind\":\"digital\",\"price\":{\"amountMinor\":100,\"currency\":\"EUR\"},\"stock\":0}" \
            "$BASE/api/v1/products" | jq -r .id)
        curl -sf -o /dev/null -X PATCH -H "Origin: $origin" -H "Authorization: Bearer $token" \
            -H 'Content-Type: application/json' -d '{"price":{"amountMinor":101,"currency":"EUR"}}' \
            "$BASE/api/v1/products/$id"
    done
}

# Appends copies of each product's price change until the shop has about $2 stored events in all.
grow_history() { # tenant events
    local have per
    have=$(psql_su -Atc "SELECT count(*) FROM domain_event_entry WHERE event_tenant(meta_data) = '$1'")
    per=$(( ($2 - have + PRODUCTS - 1) / PRODUCTS ))
    ((per > 0)) || return 0
    log "appending $((per * PRODUCTS)) events for tenant $1 (it has $have)"
    psql_su <<SQL
INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                payload_type, payload_revision, payload, meta_data)
SELECT gen_random_uuid()::text, e.aggregate_identifier, last.seq + n, e.type, e.time_stamp,
       e.payload_type, e.payload_revision, e.payload, e.meta_data
  FROM domain_event_entry e
  JOIN (SELECT aggregate_identifier, max(sequence_number) AS seq FROM domain_event_entry
         WHERE event_tenant(meta_data) = '$1' AND type = 'Product' GROUP BY aggregate_identifier) last
    ON last.aggregate_identifier = e.aggregate_identifier
 CROSS JOIN generate_series(1, $per) AS n
 WHERE event_tenant(e.meta_data) = '$1' AND e.type = 'Product' AND e.sequence_number = 1
 ORDER BY n, e.aggregate_identifier;
ANALYZE domain_event_entry;
SQL
}

# Waits until every processor's token has reached the head of the store: the live processing of the
# appended events is over before a measurement starts.
await_caught_up() {
    local head t0=$SECONDS
    head=$(psql_su -Atc "SELECT max(global_index) FROM domain_event_entry")
    until [ "$(psql_su -Atc "SELECT count(*) FROM token_entry WHERE token IS NOT NULL
              AND coalesce((convert_from(token, 'UTF8')::json ->> 'index')::bigint, 0) < $head
              AND processor_name NOT LIKE '%Saga%'")" = 0 ]; do
        ((SECONDS - t0 < 900)) || die "the processors did not catch up in 900 s"
        sleep 1
    done
}

tenant_events() { psql_su -Atc "SELECT count(*) FROM domain_event_entry WHERE event_tenant(meta_data) = '$1'"; }

# PostgreSQL alone: the tenant's stream read in pages of 1000, as the rebuild reads it, no application.
read_baseline() { # tenant
    local t0 t1 n
    t0=$(date +%s.%N)
    n=$(psql_su -Atc "SELECT count(length(payload) + length(meta_data)) FROM domain_event_entry
                       WHERE event_tenant(meta_data) = '$1'")
    t1=$(date +%s.%N)
    awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", n / (b - a)}'
}

rebuild() { # label tenant-or-empty
    local body id status answer
    if [ -n "$2" ]; then body="{\"tenantId\":\"$2\"}"; else body='{}'; fi
    id=$(curl -sf -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d "$body" \
        "$BASE/api/v1/platform/projections/catalog/rebuild" | jq -r .id)
    [ -n "$id" ] && [ "$id" != null ] || die "$1: the rebuild did not start"
    while :; do
        answer=$(curl -sf -H "Authorization: Bearer $ADMIN" "$BASE/api/v1/platform/projections/rebuilds/$id")
        status=$(jq -r .status <<<"$answer")
        [ "$status" = running ] || break
        sleep 0.5
    done
    [ "$status" = completed ] || die "$1: $answer"
    echo "$answer" >"$RUN_DIR/$1.json"
    jq -r --arg name "$1" --arg target "$TARGET" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
        '"RESULT \($name) events=\(.eventsReplayed) events_per_s=\(.eventsPerSecond) ratio_to_target=\((.eventsPerSecond / ($target | tonumber) * 100 | round) / 100) load=\($load)"' \
        <<<"$answer" | tee -a "$RUN_DIR/results.txt"
}

measure() { # label
    await_caught_up
    local events baseline
    events=$(tenant_events "$SHOP_A")
    baseline=$(read_baseline "$SHOP_A")
    echo "RESULT $1 shop_a_events=$events postgres_reads_per_s=$baseline load=$(cut -d' ' -f1-3 /proc/loadavg)" \
        | tee -a "$RUN_DIR/results.txt"
    rebuild "$1-per-tenant" "$SHOP_A"
    await_caught_up
    rebuild "$1-full" ""
}

log "creating $PRODUCTS products with a price change in shop-a"
make_products shop-a
grow_history "$SHOP_A" "$SMALL"
measure "small"
grow_history "$SHOP_A" "$EVENTS"
measure "large"
log "creating shop-b's history beside it"
make_products shop-b
grow_history "$SHOP_B" "$EVENTS"
measure "two-tenants"
log "results in $RUN_DIR/results.txt"
cat "$RUN_DIR/results.txt"
