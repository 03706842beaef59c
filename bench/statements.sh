#!/usr/bin/env bash
# Where a command's database work goes: the statements PostgreSQL runs per PATCH price change
# (see bench/README.md, "Statements per command").
#
#   bash bench/statements.sh [--build] [-n N]
#   bash bench/statements.sh --orders [--seconds S] [--clients N] [--live]   # per order placed and paid instead
#
# Starts the app (demo data) on its embedded PostgreSQL with pg_stat_statements loaded, lets the
# processors settle, then measures two windows of the same length with the statistics reset before
# each: an idle one (what the app runs with nobody calling it: processors polling, schedulers) and
# one in which a single client sends N sequential PATCH /api/v1/products/{id} price changes. It
# prints per PATCH: transactions committed, statements, rows, and the statements by calls, each
# net of the idle window's rate. With --orders, one client (or N) places orders for S seconds (20 by
# default) as bench/run.sh's (d) does (placed, its payment opened by the saga, marked paid, read
# paid; with --live, each client waits on the live socket instead of polling), and everything is per
# order completed (under load, N = 8, the processors take several events per transaction).
# Writes everything under bench/results/<run>/statements*.
# Only 127.0.0.1 is contacted; everything it starts is stopped on exit.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
N=${BENCH_STATEMENTS_N:-200}
PG_PORT=${BENCH_PG_PORT:-54339}
PORT=${BENCH_PORT:-18091}
JAR=${BENCH_JAR:-$ROOT/app/target/tenantcore.jar}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms512m -Xmx1g}
ORIGIN=http://shop-a.localhost
BUILD=auto
SCENARIO=patch
ORDER_SECONDS=20
ORDER_CLIENTS=1
ORDER_WAIT=poll

while [ $# -gt 0 ]; do
    case $1 in
        --build) BUILD=always ;;
        -n) N=$2; shift ;;
        --orders) SCENARIO=orders ;;
        --seconds) ORDER_SECONDS=$2; shift ;;
        --clients) ORDER_CLIENTS=$2; shift ;;
        --live) ORDER_WAIT=live ;;
        -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 64 ;;
    esac
    shift
done

RESULTS=$BENCH_DIR/results
RUN_DIR=$RESULTS/statements-$(date -u +%Y%m%dT%H%M%SZ)
PGDATA_DIR=$RESULTS/pgdata-statements
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
}
cleanup() {
    local rc=$?
    stop_app
    local pm
    pm=$(head -n1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true)
    [[ $pm =~ ^[0-9]+$ ]] && kill -INT "$pm" 2>/dev/null || true
    rm -rf "$PGDATA_DIR" "$RESULTS/.tenantcore-statements.jar"
    exit $rc
}
trap cleanup EXIT

for cmd in curl psql javac java; do command -v $cmd >/dev/null || die "$cmd is missing"; done
if [ "$BUILD" = always ] || [ ! -f "$JAR" ]; then
    log "building $JAR"
    (cd "$ROOT" && ./mvnw -q -DskipTests package) >"$RUN_DIR/build.log" 2>&1 || die "build failed: $RUN_DIR/build.log"
fi
RUN_JAR=$RESULTS/.tenantcore-statements.jar
cp "$JAR" "$RUN_JAR"
CLASSES=$RUN_DIR/classes
javac -d "$CLASSES" "$BENCH_DIR/Bench.java" || die "cannot compile bench/Bench.java"
rm -rf "$PGDATA_DIR"

psql_su() { PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d tenantcore "$@"; }

start_app() { # log file
    env -u DATABASE_URL -u SPRING_DATASOURCE_URL -u SPRING_PROFILES_ACTIVE AXONIQ_UPDATE_CHECKER_DISABLED=true \
        "TENANTCORE_CREDENTIALS_KEYS_BENCH=$KEY" \
        java $JAVA_OPTS -Ddisable-axoniq-console-message=true -jar "$RUN_JAR" --server.address=127.0.0.1 \
        --server.port="$PORT" --spring.profiles.active=demo --app.rate-limits.enabled=false \
        --app.embedded-db.data-dir="$PGDATA_DIR" --app.embedded-db.port="$PG_PORT" >"$1" 2>&1 &
    APP_PID=$!
    local t0=$SECONDS
    until [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness" || true)" = 200 ]; do
        kill -0 "$APP_PID" 2>/dev/null || die "the app exited during start; see $1"
        ((SECONDS - t0 < 240)) || die "the app was not ready after 240 s; see $1"
        sleep 1
    done
    log "app ready after $((SECONDS - t0)) s"
}
KEY=$(head -c 32 /dev/urandom | base64 | tr -d '\n')

# pg_stat_statements must be preloaded: the first start creates the data directory, the setting goes
# into its postgresql.auto.conf, and the second start loads the library.
log "first start (creates the database and the demo data)"
start_app "$RUN_DIR/app-1.log"
psql_su -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
stop_app
log "second start, with pg_stat_statements"
start_app "$RUN_DIR/app-2.log"
psql_su -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"

IDS=$RUN_DIR/product-ids.txt
java -cp "$CLASSES" Bench prepare base="http://127.0.0.1:$PORT" origin="$ORIGIN" out="$IDS" need=1 timeout=120 \
    >"$RUN_DIR/prepare.txt" 2>>"$RUN_DIR/bench-java.log" || die "cannot read shop-a's products"
reset() {
    psql_su -Atc "SELECT pg_stat_statements_reset(); SELECT pg_stat_reset(); SELECT pg_stat_force_next_flush()" >/dev/null
}
snapshot() { # prefix
    psql_su -Atc "SELECT pg_stat_force_next_flush()" >/dev/null
    psql_su -Atc "SELECT xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted
        FROM pg_stat_database WHERE datname = 'tenantcore'" >"$1-database.txt"
    psql_su -At -F $'\t' -c "SELECT calls, rows, round(total_exec_time::numeric, 2),
        regexp_replace(left(query, 160), '\s+', ' ', 'g') FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'tenantcore') ORDER BY calls DESC" >"$1-statements.tsv"
}

PRODUCT=$(head -n1 "$IDS")
TOKEN=$(curl -s -f -H "Origin: $ORIGIN" -H 'Content-Type: application/json' \
    -d '{"email":"owner@shop-a.localhost","password":"demo1234!"}' "http://127.0.0.1:$PORT/api/v1/auth/login" \
    | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || die "cannot log in as owner@shop-a.localhost"

patch() { # price
    curl -s -o /dev/null -w '%{http_code}' -X PATCH -H "Origin: $ORIGIN" -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' -d "{\"price\":{\"amountMinor\":$1,\"currency\":\"EUR\"}}" \
        "http://127.0.0.1:$PORT/api/v1/products/$PRODUCT"
}
orders() { # seconds output
    java -cp "$CLASSES" Bench orders base="http://127.0.0.1:$PORT" origin="$ORIGIN" clients="$ORDER_CLIENTS" wait="$ORDER_WAIT" warmup=0 \
        duration="$1" stock=1000000 timeout-ms=10000 poll-pause-ms=2 >"$2" 2>>"$RUN_DIR/bench-java.log" \
        || die "the orders failed: $2"
}
UNIT=PATCH
if [ "$SCENARIO" = orders ]; then
    UNIT=order
    # Warm the path (JIT, caches, the saga's processor) and let the processors catch up.
    orders 15 "$RUN_DIR/warmup.txt"
    sleep 10
    reset
    log "orders placed and paid by $ORDER_CLIENTS client(s) ($ORDER_WAIT) for ${ORDER_SECONDS}s"
    t0=$(date +%s%N)
    orders "$ORDER_SECONDS" "$RUN_DIR/orders.txt"
    N=$(sed -n 's/^RESULT ok=//p' "$RUN_DIR/orders.txt")
    [ "${N:-0}" -gt 0 ] || die "no order was placed and paid: $RUN_DIR/orders.txt"
else
    # Warm the path (JIT, caches, the aggregate's snapshot) and let the processors catch up.
    for i in $(seq 1 50); do [ "$(patch $((900000 + i)))" = 200 ] || die "warm-up PATCH failed"; done
    sleep 10
    reset
    log "$N sequential PATCHes"
    t0=$(date +%s%N)
    for i in $(seq 1 "$N"); do
        [ "$(patch $((1000 + i)))" = 200 ] || die "PATCH $i failed"
    done
fi
# Let the processors apply the last events before the snapshot.
sleep 2
t1=$(date +%s%N)
snapshot "$RUN_DIR/load"
WINDOW_MS=$(((t1 - t0) / 1000000))
log "$UNIT window: ${WINDOW_MS} ms"
reset
sleep "$(awk -v ms="$WINDOW_MS" 'BEGIN { printf "%.3f", ms / 1000 }')"
snapshot "$RUN_DIR/idle"

# Savepoints are named one by one by the driver (JDBC_SAVEPOINT_1, _2, …): counted as one statement.
awk -F'\t' -v n="$N" -v out="$RUN_DIR/statements-by-calls.tsv" '
    FNR == 1 { file++ }
    { q = $4; gsub(/JDBC_SAVEPOINT_[0-9]+/, "JDBC_SAVEPOINT_<n>", q) }
    file == 1 { idle[q] += $1; idle_ms[q] += $3; next }
    { calls[q] += $1; rows[q] += $2; ms[q] += $3 }
    END {
        for (q in calls) {
            net = calls[q] - idle[q]; if (net < 0) net = 0; total += net
            net_ms = ms[q] - idle_ms[q]; if (net_ms < 0) net_ms = 0; total_ms += net_ms
            if (net / n >= 0.05) printf "%.2f\t%.1f\t%.0f\t%s\n", net / n, rows[q] / calls[q], 1000 * net_ms / n, q >out
        }
        printf "%.1f\t%.0f\n", total / n, 1000 * total_ms / n
    }' "$RUN_DIR/idle-statements.tsv" "$RUN_DIR/load-statements.tsv" \
    >"$RUN_DIR/statements-total.txt"
IFS=$'\t' read -r STATEMENTS EXEC_US <"$RUN_DIR/statements-total.txt"
sort -t$'\t' -k1,1 -g -r -o "$RUN_DIR/statements-by-calls.tsv" "$RUN_DIR/statements-by-calls.tsv"
IFS='|' read -r pc pr pret pfet pins pupd pdel <"$RUN_DIR/load-database.txt"
IFS='|' read -r ic ir iret ifet iins iupd idel <"$RUN_DIR/idle-database.txt"
per() { awk -v a="$1" -v b="$2" -v n="$N" 'BEGIN { printf "%.1f", (a - b) / n }'; }
{
    if [ "$SCENARIO" = orders ]; then
        echo "# Statements per order placed and paid ($N orders by $ORDER_CLIENTS client(s) waiting by $ORDER_WAIT, ${WINDOW_MS} ms, its setup included: a customer registered, a product created;"\
            "$(date -u +%FT%TZ); git $(git -C "$ROOT" rev-parse --short HEAD))"
    else
        echo "# Statements per PATCH price change ($N sequential PATCHes, ${WINDOW_MS} ms; $(date -u +%FT%TZ); git $(git -C "$ROOT" rev-parse --short HEAD))"
    fi
    echo
    echo "Net of an idle window of the same length. Load average: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    echo "| per $UNIT | value |"
    echo "|---|---:|"
    echo "| transactions committed | $(per "$pc" "$ic") |"
    echo "| rows returned by scans | $(per "$pret" "$iret") |"
    echo "| rows fetched | $(per "$pfet" "$ifet") |"
    echo "| rows inserted / updated / deleted | $(per "$pins" "$iins") / $(per "$pupd" "$iupd") / $(per "$pdel" "$idel") |"
    echo "| statements | $STATEMENTS |"
    echo "| statements' execution time (µs) | $EXEC_US |"
    echo
    echo "Execution time is PostgreSQL's own (pg_stat_statements' total_exec_time): planning, commits and"
    echo "the protocol's round trips are not in it."
    echo
    echo "| calls per $UNIT | rows per call | execution µs per $UNIT | statement |"
    echo "|---:|---:|---:|---|"
    awk -F'\t' '{ printf "| %s | %s | %s | `%s` |\n", $1, $2, $3, $4 }' "$RUN_DIR/statements-by-calls.tsv"
} | tee "$RUN_DIR/summary.md"
