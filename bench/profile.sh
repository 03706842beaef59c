#!/usr/bin/env bash
# Where the app's CPU goes under the command load of bench/run.sh (a): a JFR profile of the app
# while CLIENTS clients send PATCH /api/v1/products/{id} price changes back to back, summarised
# into tables by bench/Profile.java (see bench/README.md, "Where the app's CPU goes").
#
#   bash bench/profile.sh [--build] [--clients N] [--seconds S] [--orders [--live]]
#
# With --orders the load is bench/run.sh's (d) instead: orders placed, their payment opened by the
# saga, marked paid, and read back paid; with --live as well, the clients wait on the live socket
# (payment.created, order.paid) instead of polling.
#
# Starts the app (demo data, rate limits off) on a fresh embedded PostgreSQL with JFR recording from
# launch ("default" settings: CPU samples every 20 ms; the "profile" settings halved the throughput
# here, so they would profile a different program), warms the path with WARMUP seconds of the same
# load, then keeps the last S seconds (default 30) of the recording and writes it and its summary to
# bench/results/profile-<time>/, with each thread's CPU time over the same window read from /proc
# (the JIT compiler and GC threads included, which JFR's samples do not show). JFR starts with the
# JVM: started later, it instruments JDK classes, and the JIT recompiles what had inlined them for
# the rest of the window. Only 127.0.0.1 is contacted; everything it starts is stopped on exit.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
CLIENTS=${BENCH_CLIENTS:-8}
SECONDS_RECORDED=${BENCH_PROFILE_SECONDS:-30}
WARMUP=${BENCH_WARMUP:-90}
JFR_SETTINGS=${BENCH_JFR_SETTINGS:-default}
PG_PORT=${BENCH_PG_PORT:-54369}
PORT=${BENCH_PORT:-18095}
JAR=${BENCH_JAR:-$ROOT/app/target/tenantcore.jar}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms512m -Xmx1g}
APP_ARGS=${BENCH_APP_ARGS:-}
ORIGIN=http://shop-a.localhost
BUILD=auto
SCENARIO=patch
WAIT=poll

while [ $# -gt 0 ]; do
    case $1 in
        --build) BUILD=always ;;
        --clients) CLIENTS=$2; shift ;;
        --seconds) SECONDS_RECORDED=$2; shift ;;
        --orders) SCENARIO=orders ;;
        --live) WAIT=live ;;
        -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 64 ;;
    esac
    shift
done

RESULTS=$BENCH_DIR/results
RUN_DIR=$RESULTS/profile-$(date -u +%Y%m%dT%H%M%SZ)
PGDATA_DIR=$RESULTS/pgdata-profile
mkdir -p "$RUN_DIR"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$RUN_DIR/run.log" >&2; }
die() { log "ERROR: $*"; exit 1; }

APP_PID=
cleanup() {
    local rc=$?
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -TERM "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$APP_PID" 2>/dev/null || true
    fi
    local pm
    pm=$(head -n1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true)
    [[ $pm =~ ^[0-9]+$ ]] && kill -INT "$pm" 2>/dev/null || true
    rm -rf "$PGDATA_DIR" "$RESULTS/.tenantcore-profile.jar"
    exit $rc
}
trap cleanup EXIT

for cmd in curl javac java jcmd; do command -v $cmd >/dev/null || die "$cmd is missing"; done
if [ "$BUILD" = always ] || [ ! -f "$JAR" ]; then
    log "building $JAR"
    (cd "$ROOT" && ./mvnw -q -DskipTests package) >"$RUN_DIR/build.log" 2>&1 || die "build failed: $RUN_DIR/build.log"
fi
RUN_JAR=$RESULTS/.tenantcore-profile.jar
cp "$JAR" "$RUN_JAR"
CLASSES=$RUN_DIR/classes
javac -d "$CLASSES" "$BENCH_DIR/Bench.java" "$BENCH_DIR/Profile.java" || die "cannot compile the bench tools"
rm -rf "$PGDATA_DIR"

KEY=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
# shellcheck disable=SC2086
env -u DATABASE_URL -u SPRING_DATASOURCE_URL -u SPRING_PROFILES_ACTIVE AXONIQ_UPDATE_CHECKER_DISABLED=true \
    "TENANTCORE_CREDENTIALS_KEYS_BENCH=$KEY" \
    java $JAVA_OPTS -XX:StartFlightRecording=name=bench,settings="$JFR_SETTINGS",maxage=$((SECONDS_RECORDED + 60))s \
    -Ddisable-axoniq-console-message=true -jar "$RUN_JAR" --server.address=127.0.0.1 \
    --server.port="$PORT" --spring.profiles.active=demo --app.rate-limits.enabled=false \
    --app.embedded-db.data-dir="$PGDATA_DIR" --app.embedded-db.port="$PG_PORT" $APP_ARGS >"$RUN_DIR/app.log" 2>&1 &
APP_PID=$!
t0=$SECONDS
until [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness" || true)" = 200 ]; do
    kill -0 "$APP_PID" 2>/dev/null || die "the app exited during start; see $RUN_DIR/app.log"
    ((SECONDS - t0 < 240)) || die "the app was not ready after 240 s; see $RUN_DIR/app.log"
    sleep 1
done
log "app ready after $((SECONDS - t0)) s"

IDS=$RUN_DIR/product-ids.txt
java -cp "$CLASSES" Bench prepare base="http://127.0.0.1:$PORT" origin="$ORIGIN" out="$IDS" need="$CLIENTS" \
    timeout=120 >"$RUN_DIR/prepare.txt" 2>>"$RUN_DIR/bench-java.log" || die "cannot prepare $CLIENTS products"
SCENARIO_ARGS=(ids="$IDS")
[ "$SCENARIO" = orders ] && SCENARIO_ARGS=(stock=1000000 timeout-ms=10000 poll-pause-ms=2 wait="$WAIT")
load() { # warmup duration output
    java -cp "$CLASSES" Bench "$SCENARIO" base="http://127.0.0.1:$PORT" origin="$ORIGIN" "${SCENARIO_ARGS[@]}" clients="$CLIENTS" \
        warmup="$1" duration="$2" app-pid="$APP_PID" pg-pid="$(head -n1 "$PGDATA_DIR/postmaster.pid")" \
        clk-tck="$(getconf CLK_TCK 2>/dev/null || echo 100)" >"$3" 2>>"$RUN_DIR/bench-java.log" \
        || die "the $SCENARIO load failed: $3"
}
log "warm-up: $CLIENTS clients for ${WARMUP}s"
load 0 "$WARMUP" "$RUN_DIR/warmup.txt"
log "recording: $CLIENTS clients for ${SECONDS_RECORDED}s"
# Each thread's CPU ticks (utime + stime) by name, numbered pool members folded into one name.
thread_ticks() {
    for t in /proc/"$APP_PID"/task/*; do
        IFS= read -r stat <"$t/stat" 2>/dev/null || continue
        local name=${stat#*(}; name=${name%)*}; local rest=${stat##*) }
        read -r -a f <<<"$rest"
        printf '%s\t%s\n' "$(sed -E 's/-?[0-9]+$//' <<<"$name")" $((f[11] + f[12]))
    done | awk -F'\t' '{a[$1]+=$2} END {for (k in a) print k "\t" a[k]}' | sort
}
thread_ticks >"$RUN_DIR/threads-before.tsv"
WINDOW_START_MS=$(date +%s%3N)
load 2 "$SECONDS_RECORDED" "$RUN_DIR/load.txt"
thread_ticks >"$RUN_DIR/threads-after.tsv"
jcmd "$APP_PID" JFR.dump name=bench maxage="${SECONDS_RECORDED}s" filename="$RUN_DIR/recording.jfr" >/dev/null
{
    echo "# App CPU under $CLIENTS clients of $([ "$SCENARIO" = orders ] && echo "orders placed and paid (clients: $WAIT)" || echo 'PATCH price changes') (${SECONDS_RECORDED}s; $(date -u +%FT%TZ); git $(git -C "$ROOT" rev-parse --short HEAD))"
    echo
    echo "Load average: $(cut -d' ' -f1-3 /proc/loadavg). The load itself: $(tr '\n' ' ' <"$RUN_DIR/load.txt")"
    echo
    java -cp "$CLASSES" Profile "$RUN_DIR/recording.jfr" 30 "$WINDOW_START_MS"
    echo
    echo "Each thread's CPU over the window (from /proc; ms per request; a pool's threads together):"
    echo
    echo "| thread | ms per request | share |"
    echo "|---|---:|---:|"
    join -t $'\t' -a 2 -e 0 -o 0,1.2,2.2 "$RUN_DIR/threads-before.tsv" "$RUN_DIR/threads-after.tsv" \
        | awk -F'\t' -v hz="$(getconf CLK_TCK 2>/dev/null || echo 100)" -v n="$(sed -n 's/^RESULT ok=//p' "$RUN_DIR/load.txt")" \
            '{d=$3-$2; if (d>0) {t[$1]=d; s+=d}} END {for (k in t) printf "| `%s` | %.2f | %.1f %% |\n", k, t[k]*1000/hz/n, 100*t[k]/s}' \
        | sort -t'|' -k3 -rn | head -n 25
} | tee "$RUN_DIR/summary.md"
