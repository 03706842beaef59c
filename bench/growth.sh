#!/usr/bin/env bash
# Growth and footprint (see bench/README.md, "Growth and footprint"):
#
#   bash bench/growth.sh [--build] [--history N]
#
# 1. Footprint: launches the jar with its embedded PostgreSQL on a fresh data directory (first start:
#    the database is created, migrated and given the demo data) and measures the time from launch to
#    readiness; stops it and launches it again on the same data (an ordinary start) and measures that
#    too; then, after IDLE seconds without requests, the resident memory (RSS) of the app's JVM and,
#    apart, of the PostgreSQL processes.
# 2. Growth: command latency against an aggregate's history. Two of shop-a's products: one with its
#    few demo events, one given N (10,000) more price changes, copied in SQL after its last event as
#    bench/replay.sh does. After the processors have caught up and one PATCH has loaded the long
#    history (and snapshotted it), one client sends sequential PATCHes to each product in turn
#    (short, long, short, long; WARMUP + DURATION seconds each) and the p50 / p99 latencies of both
#    are compared: long / short ≤ 1.2 is the target.
# Only 127.0.0.1 is contacted; everything it starts is stopped on exit.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
HISTORY=${BENCH_HISTORY:-10000}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-5}
IDLE=${BENCH_IDLE:-30}
PG_PORT=${BENCH_PG_PORT:-54359}
PORT=${BENCH_PORT:-18097}
JAR=${BENCH_JAR:-$ROOT/app/target/tenantcore.jar}
JAVA_OPTS=${BENCH_JAVA_OPTS:-}         # none: the JVM as `java -jar` starts it
ORIGIN=http://shop-a.localhost
BUILD=auto

while [ $# -gt 0 ]; do
    case $1 in
        --build) BUILD=always ;;
        --history) HISTORY=$2; shift ;;
        -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 64 ;;
    esac
    shift
done

RESULTS=$BENCH_DIR/results
RUN_DIR=$RESULTS/growth-$(date -u +%Y%m%dT%H%M%SZ)
PGDATA_DIR=$RESULTS/pgdata-growth
mkdir -p "$RUN_DIR"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$RUN_DIR/run.log" >&2; }
die() { log "ERROR: $*"; exit 1; }

APP_PID=
stop_app() {
    [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null || return 0
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
    # The embedded PostgreSQL stops with the app; wait for it so the next start finds the port free.
    for _ in $(seq 1 100); do [ -f "$PGDATA_DIR/postmaster.pid" ] || break; sleep 0.1; done
}
cleanup() {
    local rc=$?
    stop_app
    local pm
    pm=$(head -n1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true)
    [[ $pm =~ ^[0-9]+$ ]] && kill -INT "$pm" 2>/dev/null || true
    rm -rf "$PGDATA_DIR" "$RESULTS/.tenantcore-growth.jar"
    exit $rc
}
trap cleanup EXIT

for cmd in curl psql javac java; do command -v $cmd >/dev/null || die "$cmd is missing"; done
if [ "$BUILD" = always ] || [ ! -f "$JAR" ]; then
    log "building $JAR"
    (cd "$ROOT" && ./mvnw -q -DskipTests package) >"$RUN_DIR/build.log" 2>&1 || die "build failed: $RUN_DIR/build.log"
fi
RUN_JAR=$RESULTS/.tenantcore-growth.jar
cp "$JAR" "$RUN_JAR"
CLASSES=$RUN_DIR/classes
javac -d "$CLASSES" "$BENCH_DIR/Bench.java" || die "cannot compile bench/Bench.java"
rm -rf "$PGDATA_DIR"
KEY=$(head -c 32 /dev/urandom | base64 | tr -d '\n')

psql_su() { PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d tenantcore "$@"; }

READY_MS=
start_app() { # log file; sets READY_MS, the milliseconds from launch to readiness
    local t0 t1
    t0=$(date +%s%N)
    env -u DATABASE_URL -u SPRING_DATASOURCE_URL -u SPRING_PROFILES_ACTIVE AXONIQ_UPDATE_CHECKER_DISABLED=true \
        "TENANTCORE_CREDENTIALS_KEYS_BENCH=$KEY" \
        java $JAVA_OPTS -Ddisable-axoniq-console-message=true -jar "$RUN_JAR" --server.address=127.0.0.1 \
        --server.port="$PORT" --spring.profiles.active=demo --app.rate-limits.enabled=false \
        --app.embedded-db.data-dir="$PGDATA_DIR" --app.embedded-db.port="$PG_PORT" >"$1" 2>&1 &
    APP_PID=$!
    until [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness" || true)" = 200 ]; do
        kill -0 "$APP_PID" 2>/dev/null || die "the app exited during start; see $1"
        (( ($(date +%s%N) - t0) / 1000000000 < 240 )) || die "the app was not ready after 240 s; see $1"
        sleep 0.1
    done
    t1=$(date +%s%N)
    READY_MS=$(( (t1 - t0) / 1000000 ))
}
rss_mb() { # pid…; the sum of their resident memory
    local kb=0 p v
    for p in "$@"; do
        v=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
        kb=$((kb + ${v:-0}))
    done
    echo $((kb / 1024))
}

# ------------------------------------------------------------------ footprint
log "first start: creates, migrates and fills the embedded database"
start_app "$RUN_DIR/app-1.log"
READY_FIRST=$READY_MS
log "ready after $READY_FIRST ms"
stop_app
log "second start on the same data"
start_app "$RUN_DIR/app-2.log"
READY_AGAIN=$READY_MS
log "ready after $READY_AGAIN ms; idle for ${IDLE}s"
sleep "$IDLE"
PG_MAIN=$(head -n1 "$PGDATA_DIR/postmaster.pid")
RSS_APP=$(rss_mb "$APP_PID")
RSS_PG=$(rss_mb "$PG_MAIN" $(pgrep -P "$PG_MAIN" || true))
log "idle RSS: app $RSS_APP MB, PostgreSQL $RSS_PG MB"

# ------------------------------------------------------------------ growth
IDS=$RUN_DIR/product-ids.txt
java -cp "$CLASSES" Bench prepare base="http://127.0.0.1:$PORT" origin="$ORIGIN" out="$IDS" need=2 timeout=120 \
    >"$RUN_DIR/prepare.txt" 2>>"$RUN_DIR/bench-java.log" || die "cannot read shop-a's products"
SHORT=$(sed -n 1p "$IDS")
LONG=$(sed -n 2p "$IDS")
echo "$SHORT" >"$RUN_DIR/short.txt"
echo "$LONG" >"$RUN_DIR/long.txt"
# Copies the product's first price change $2 times after its last event, in SQL.
grow() { # product events
    psql_su <<SQL
INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                payload_type, payload_revision, payload, meta_data)
SELECT gen_random_uuid()::text, e.aggregate_identifier, last.seq + n, e.type, e.time_stamp,
       e.payload_type, e.payload_revision, e.payload, e.meta_data
  FROM domain_event_entry e
  JOIN (SELECT aggregate_identifier, max(sequence_number) AS seq FROM domain_event_entry
         WHERE aggregate_identifier = '$1' GROUP BY aggregate_identifier) last
    ON last.aggregate_identifier = e.aggregate_identifier
 CROSS JOIN generate_series(1, $2) AS n
 WHERE e.aggregate_identifier = '$1' AND e.sequence_number = (SELECT min(sequence_number) FROM domain_event_entry
        WHERE aggregate_identifier = '$1' AND payload_type LIKE '%ProductUpdatedEvent')
 ORDER BY n;
ANALYZE domain_event_entry;
SQL
}
# One price change of each through the API first: its event is the one copied.
TOKEN=$(curl -s -f -H "Origin: $ORIGIN" -H 'Content-Type: application/json' \
    -d '{"email":"owner@shop-a.localhost","password":"demo1234!"}' "http://127.0.0.1:$PORT/api/v1/auth/login" \
    | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || die "cannot log in as owner@shop-a.localhost"
for product in "$SHORT" "$LONG"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X PATCH -H "Origin: $ORIGIN" -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' -d '{"price":{"amountMinor":4242,"currency":"EUR"}}' \
        "http://127.0.0.1:$PORT/api/v1/products/$product")
    [ "$code" = 200 ] || die "the first PATCH of $product answered $code"
done
HAVE=$(psql_su -Atc "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '$SHORT'")
log "giving product $SHORT $((10 - HAVE)) more events (10 in all), product $LONG $HISTORY more"
((HAVE >= 10)) || grow "$SHORT" $((10 - HAVE))
grow "$LONG" "$HISTORY"
EVENTS_SHORT=$(psql_su -Atc "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '$SHORT'")
EVENTS_LONG=$(psql_su -Atc "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '$LONG'")
[ "$EVENTS_LONG" -gt "$HISTORY" ] || die "product $LONG has only $EVENTS_LONG events (it needs a price change to copy)"
log "waiting for the processors to catch up"
HEAD=$(psql_su -Atc "SELECT max(global_index) FROM domain_event_entry")
t0=$SECONDS
until [ "$(psql_su -Atc "SELECT count(*) FROM token_entry WHERE token IS NOT NULL
          AND coalesce((convert_from(token, 'UTF8')::json ->> 'index')::bigint, 0) < $HEAD
          AND processor_name NOT LIKE '%Saga%'")" = 0 ]; do
    ((SECONDS - t0 < 600)) || die "the processors did not catch up in 600 s"
    sleep 1
done
run() { # ids output
    java -cp "$CLASSES" Bench patch base="http://127.0.0.1:$PORT" origin="$ORIGIN" ids="$1" clients=1 \
        warmup="$WARMUP" duration="$DURATION" >"$2" 2>>"$RUN_DIR/bench-java.log" || die "the PATCH run failed: $2"
}
result() { sed -n "s/^RESULT $2=//p" "$1" | head -n1; }
log "PATCHes: short, long, short, long (${WARMUP}s + ${DURATION}s each)"
run "$RUN_DIR/short.txt" "$RUN_DIR/short-1.txt"
run "$RUN_DIR/long.txt" "$RUN_DIR/long-1.txt"
run "$RUN_DIR/short.txt" "$RUN_DIR/short-2.txt"
run "$RUN_DIR/long.txt" "$RUN_DIR/long-2.txt"
SNAPSHOT=$(psql_su -Atc "SELECT coalesce(max(sequence_number), -1) FROM snapshot_event_entry WHERE aggregate_identifier = '$LONG'")
avg() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (a + b) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
S50=$(avg "$(result "$RUN_DIR/short-1.txt" latency_p50_ms)" "$(result "$RUN_DIR/short-2.txt" latency_p50_ms)")
S99=$(avg "$(result "$RUN_DIR/short-1.txt" latency_p99_ms)" "$(result "$RUN_DIR/short-2.txt" latency_p99_ms)")
L50=$(avg "$(result "$RUN_DIR/long-1.txt" latency_p50_ms)" "$(result "$RUN_DIR/long-2.txt" latency_p50_ms)")
L99=$(avg "$(result "$RUN_DIR/long-1.txt" latency_p99_ms)" "$(result "$RUN_DIR/long-2.txt" latency_p99_ms)")
{
    echo "# Growth and footprint ($(date -u +%FT%TZ); git $(git -C "$ROOT" rev-parse --short HEAD); load average $(cut -d' ' -f1-3 /proc/loadavg))"
    echo
    echo "| measure | value | target |"
    echo "|---|---:|---|"
    echo "| launch → ready, first start (database created, migrated, demo data) | $READY_FIRST ms | |"
    echo "| launch → ready, a later start on the same data | $READY_AGAIN ms | ≤ 10,000 ms |"
    echo "| resident memory after ${IDLE}s idle: app JVM (${JAVA_OPTS:-default options}) | $RSS_APP MB | ≤ 512 MB |"
    echo "| resident memory after ${IDLE}s idle: PostgreSQL processes | $RSS_PG MB | |"
    echo "| PATCH p50, product with $EVENTS_SHORT events / with $EVENTS_LONG | $S50 / $L50 ms | ratio $(ratio "$L50" "$S50") ≤ 1.2 |"
    echo "| PATCH p99, the same | $S99 / $L99 ms | ratio $(ratio "$L99" "$S99") |"
    echo
    echo "Latest snapshot of the long product at sequence $SNAPSHOT; one client, sequential, ${DURATION}s twice per product."
} | tee "$RUN_DIR/summary.md"
