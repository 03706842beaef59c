#!/usr/bin/env bash
# Growth and footprint (see bench/README.md, "Growth and footprint"):
#
#   bash bench/growth.sh [--build] [--history N] [--no-fast-start]
#
# 1. Footprint: launches the jar with its embedded PostgreSQL on a fresh data directory (first start:
#    the database is created, migrated and given the demo data) and measures the time from launch to
#    readiness; stops it and launches it again on the same data (an ordinary start) and measures that
#    too; then, after IDLE seconds without requests, the resident memory (RSS) of the app's JVM and,
#    apart, of the PostgreSQL processes. Then the documented fast start (README, "Fast start"): the
#    jar extracted, a training run that records an AOT cache (JDK 25+; a CDS archive on older JDKs)
#    on a throw-away embedded database, and a start on the same data from that cache with the
#    documented JVM options, measured the same way. The growth part runs on a plain start again.
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
# The fast start: a JDK 25 for its AOT cache when there is one, and the options README recommends for
# a small deployment (-Xmx512m is what -XX:MaxRAMPercentage=50 gives in a 1 GB container).
FAST_JAVA=${BENCH_FAST_JAVA:-}
if [ -z "$FAST_JAVA" ]; then
    FAST_JAVA=java
    for j in "${JAVA_HOME:-/nonexistent}/bin/java" /usr/lib/jvm/temurin-25-jdk-amd64/bin/java; do
        if [ -x "$j" ] && [ "$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')" -ge 25 ] 2>/dev/null; then
            FAST_JAVA=$j
            break
        fi
    done
fi
FAST_JAVA_OPTS=${BENCH_FAST_JAVA_OPTS:--Xmx512m -XX:+UseG1GC -XX:G1PeriodicGCInterval=10000}
FAST_START=yes
ORIGIN=http://shop-a.localhost
BUILD=auto

while [ $# -gt 0 ]; do
    case $1 in
        --build) BUILD=always ;;
        --history) HISTORY=$2; shift ;;
        --no-fast-start) FAST_START=no ;;
        -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 64 ;;
    esac
    shift
done

RESULTS=$BENCH_DIR/results
RUN_DIR=$RESULTS/growth-$(date -u +%Y%m%dT%H%M%SZ)
PGDATA_DIR=$RESULTS/pgdata-growth
FAST_DIR=$RESULTS/.fast-start-growth
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
    rm -rf "$PGDATA_DIR" "$RESULTS/.tenantcore-growth.jar" "$FAST_DIR"
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
READY_CPU_MS=
start_app() { # log file [java options and jar…]; sets READY_MS, the milliseconds from launch to
    # readiness, and READY_CPU_MS, the CPU time the JVM used until then (less sensitive to a busy machine)
    local log=$1 t0 t1
    shift
    [ $# -gt 0 ] || set -- java $JAVA_OPTS -Ddisable-axoniq-console-message=true -jar "$RUN_JAR"
    t0=$(date +%s%N)
    env -u DATABASE_URL -u SPRING_DATASOURCE_URL -u SPRING_PROFILES_ACTIVE AXONIQ_UPDATE_CHECKER_DISABLED=true \
        "TENANTCORE_CREDENTIALS_KEYS_BENCH=$KEY" \
        "$@" --server.address=127.0.0.1 \
        --server.port="$PORT" --spring.profiles.active=demo --app.rate-limits.enabled=false \
        --app.embedded-db.data-dir="$PGDATA_DIR" --app.embedded-db.port="$PG_PORT" >"$log" 2>&1 &
    APP_PID=$!
    until [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness" || true)" = 200 ]; do
        kill -0 "$APP_PID" 2>/dev/null || die "the app exited during start; see $log"
        (( ($(date +%s%N) - t0) / 1000000000 < 240 )) || die "the app was not ready after 240 s; see $log"
        sleep 0.1
    done
    t1=$(date +%s%N)
    READY_MS=$(( (t1 - t0) / 1000000 ))
    # utime + stime, in clock ticks
    READY_CPU_MS=$(awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$APP_PID/stat")
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
idle_rss() { # sets RSS_APP and RSS_PG after IDLE seconds without requests
    sleep "$IDLE"
    local pm
    pm=$(head -n1 "$PGDATA_DIR/postmaster.pid")
    RSS_APP=$(rss_mb "$APP_PID")
    RSS_PG=$(rss_mb "$pm" $(pgrep -P "$pm" || true))
}
log "first start: creates, migrates and fills the embedded database"
start_app "$RUN_DIR/app-1.log"
READY_FIRST=$READY_MS
CPU_FIRST=$READY_CPU_MS
log "ready after $READY_FIRST ms ($CPU_FIRST ms CPU; load average $(cut -d' ' -f1 /proc/loadavg))"
stop_app
log "second start on the same data"
start_app "$RUN_DIR/app-2.log"
READY_AGAIN=$READY_MS
CPU_AGAIN=$READY_CPU_MS
LOAD_AGAIN=$(cut -d' ' -f1 /proc/loadavg)
log "ready after $READY_AGAIN ms ($CPU_AGAIN ms CPU; load average $LOAD_AGAIN); idle for ${IDLE}s"
idle_rss
log "idle RSS: app $RSS_APP MB, PostgreSQL $RSS_PG MB"

FAST_ROW=
if [ "$FAST_START" = yes ]; then
    stop_app
    # The documented recipe (README, "Fast start"): extract, train on a throw-away embedded database
    # (created and migrated; the context is refreshed and the JVM exits before serving), start from the cache.
    FAST_VERSION=$("$FAST_JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ "${FAST_VERSION%%.*}" -ge 25 ] 2>/dev/null; then
        FAST_KIND="AOT cache, Java $FAST_VERSION"
        TRAIN_OPT=-XX:AOTCacheOutput=$FAST_DIR/tenantcore.aot
        CACHE_OPT=-XX:AOTCache=$FAST_DIR/tenantcore.aot
    else
        FAST_KIND="CDS archive, Java $FAST_VERSION"
        TRAIN_OPT=-XX:ArchiveClassesAtExit=$FAST_DIR/tenantcore.jsa
        CACHE_OPT=-XX:SharedArchiveFile=$FAST_DIR/tenantcore.jsa
    fi
    rm -rf "$FAST_DIR"
    "$FAST_JAVA" -Djarmode=tools -jar "$RUN_JAR" extract --destination "$FAST_DIR" >"$RUN_DIR/fast-extract.log" 2>&1 \
        || die "cannot extract the jar; see $RUN_DIR/fast-extract.log"
    FAST_JAR=$FAST_DIR/$(basename "$RUN_JAR")
    log "fast start: training run ($FAST_KIND; $FAST_JAVA_OPTS)"
    t0=$(date +%s%N)
    env -u DATABASE_URL -u SPRING_DATASOURCE_URL -u SPRING_PROFILES_ACTIVE AXONIQ_UPDATE_CHECKER_DISABLED=true \
        "$FAST_JAVA" $FAST_JAVA_OPTS "$TRAIN_OPT" -Dspring.context.exit=onRefresh -jar "$FAST_JAR" \
        --app.embedded-db.data-dir="$FAST_DIR/training-db" --app.embedded-db.port="$PG_PORT" \
        >"$RUN_DIR/fast-training.log" 2>&1 || die "the training run failed; see $RUN_DIR/fast-training.log"
    TRAIN_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
    # Its embedded server is stopped by its watchdog once the JVM is gone.
    for _ in $(seq 1 100); do [ -f "$FAST_DIR/training-db/postmaster.pid" ] || break; sleep 0.2; done
    log "training run: $TRAIN_MS ms; cache $(du -m "${CACHE_OPT#*=}" | cut -f1) MB"
    start_app "$RUN_DIR/app-fast.log" "$FAST_JAVA" $FAST_JAVA_OPTS "$CACHE_OPT" -Ddisable-axoniq-console-message=true -jar "$FAST_JAR"
    READY_FAST=$READY_MS
    CPU_FAST=$READY_CPU_MS
    LOAD_FAST=$(cut -d' ' -f1 /proc/loadavg)
    log "fast start ready after $READY_FAST ms ($CPU_FAST ms CPU; load average $LOAD_FAST); idle for ${IDLE}s"
    PLAIN_RSS_APP=$RSS_APP
    PLAIN_RSS_PG=$RSS_PG
    idle_rss
    log "idle RSS with the fast start: app $RSS_APP MB, PostgreSQL $RSS_PG MB"
    FAST_ROW="| launch → ready, the fast start ($FAST_KIND; training run $TRAIN_MS ms) on the same data | **$READY_FAST ms** ($CPU_FAST ms CPU; load $LOAD_FAST) | ≤ 10,000 ms |
| resident memory after ${IDLE}s idle: app JVM, fast start ($FAST_JAVA_OPTS) | **$RSS_APP MB** | ≤ 512 MB |
| resident memory after ${IDLE}s idle: PostgreSQL processes, fast start | $RSS_PG MB | |"
    RSS_APP=$PLAIN_RSS_APP
    RSS_PG=$PLAIN_RSS_PG
    stop_app
    log "a plain start again for the growth part"
    start_app "$RUN_DIR/app-3.log"
    log "ready after $READY_MS ms ($READY_CPU_MS ms CPU; load average $(cut -d' ' -f1 /proc/loadavg))"
fi

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
    echo "| launch → ready, first start (database created, migrated, demo data) | $READY_FIRST ms ($CPU_FIRST ms CPU) | |"
    echo "| launch → ready, a later start on the same data, \`java -jar\` | $READY_AGAIN ms ($CPU_AGAIN ms CPU; load $LOAD_AGAIN) | ≤ 10,000 ms |"
    echo "| resident memory after ${IDLE}s idle: app JVM, \`java -jar\` (${JAVA_OPTS:-default options}) | $RSS_APP MB | ≤ 512 MB |"
    echo "| resident memory after ${IDLE}s idle: PostgreSQL processes | $RSS_PG MB | |"
    [ -z "$FAST_ROW" ] || echo "$FAST_ROW"
    echo "| PATCH p50, product with $EVENTS_SHORT events / with $EVENTS_LONG | $S50 / $L50 ms | ratio $(ratio "$L50" "$S50") ≤ 1.2 |"
    echo "| PATCH p99, the same | $S99 / $L99 ms | ratio $(ratio "$L99" "$S99") |"
    echo
    echo "Latest snapshot of the long product at sequence $SNAPSHOT; one client, sequential, ${DURATION}s twice per product."
} | tee "$RUN_DIR/summary.md"
