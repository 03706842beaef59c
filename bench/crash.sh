#!/usr/bin/env bash
# Crash test of the application with its embedded PostgreSQL (see bench/README.md, "Crash test").
#
#   bash bench/crash.sh [--rounds R] [--build | --no-build]
#
# Builds the app jar once (or takes BENCH_JAR), then starts the app with a kept data directory in a
# temporary directory and one free HTTP port, and runs R rounds of each kind of crash:
#   jvm       kill -9 of the JVM alone, in the middle of write load;
#   orphan    kill -9 of the JVM and of every other process it started except PostgreSQL, so the
#             server is left running with nothing to stop it (the next start must deal with it);
#   jvm+pg    kill -9 of the JVM and of the PostgreSQL postmaster together (crash recovery).
# After each crash the app is started again with exactly the same command: it must become ready,
# and every write that was acknowledged (201) before any crash must be readable. Prints rounds,
# acknowledged writes, lost writes (must be 0) and the restart time of each round.
# Everything it starts is stopped on exit. Only 127.0.0.1 / localhost is contacted.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)

ROUNDS=${CRASH_ROUNDS:-2}             # rounds of each kind
KINDS=${CRASH_KINDS:-"jvm orphan jvm+pg"}
LOAD_CLIENTS=${CRASH_CLIENTS:-4}      # concurrent HTTP clients creating products
KILL_AFTER=${CRASH_KILL_AFTER:-6}     # seconds of write load before the kill
READY_LIMIT=${CRASH_READY_LIMIT:-600} # a start that is not ready after this many seconds failed
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms256m -Xmx768m}
JAR=${BENCH_JAR:-$ROOT/app/target/tenantcore.jar}
ORIGIN=http://shop-a.localhost
BUILD=auto

while [ $# -gt 0 ]; do
    case $1 in
        --rounds) ROUNDS=$2; shift ;;
        --build) BUILD=always ;;
        --no-build) BUILD=never ;;
        -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
            echo "Environment: CRASH_ROUNDS CRASH_KINDS CRASH_CLIENTS CRASH_KILL_AFTER CRASH_READY_LIMIT BENCH_JAVA_OPTS BENCH_JAR"
            exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 64 ;;
    esac
    shift
done

RESULTS=$BENCH_DIR/results
STAMP=crash-$(date -u +%Y%m%dT%H%M%SZ)
RUN_DIR=$RESULTS/$STAMP
mkdir -p "$RUN_DIR"
ln -sfn "$STAMP" "$RESULTS/latest-crash"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tenantcore-crash.XXXXXX")
DATA_DIR=$WORK/data/postgres
ACKED=$RUN_DIR/acknowledged.txt
: >"$ACKED"
exec 9>&2
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$RUN_DIR/run.log" >&9; }
die() { log "ERROR: $*"; exit 1; }

APP_PID=
LOAD_PID=

postmaster_pid() { # the live postmaster of our data directory, if any
    local pid
    pid=$(head -n1 "$DATA_DIR/postmaster.pid" 2>/dev/null || true)
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 0
    [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$DATA_DIR" ] || return 0
    echo "$pid"
}

cleanup() {
    local rc=$? pid i
    trap - EXIT INT TERM
    set +e
    [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -TERM "$APP_PID"
        for ((i = 0; i < 300; i++)); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$APP_PID" 2>/dev/null
    fi
    # Whatever the outcome, leave no PostgreSQL behind on our data directory.
    pid=$(postmaster_pid)
    if [ -n "$pid" ]; then
        log "stopping the PostgreSQL left on $DATA_DIR (pid $pid)"
        kill -INT "$pid"
        for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$WORK"
    exit $rc
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

command -v curl >/dev/null || die "curl is missing"
command -v javac >/dev/null || die "javac (JDK 17+) is missing"

if [ "$BUILD" = always ] || { [ "$BUILD" = auto ] && [ ! -f "$JAR" ]; }; then
    log "building $JAR (./mvnw -q -DskipTests package)"
    (cd "$ROOT" && ./mvnw -q -DskipTests package) >"$RUN_DIR/build.log" 2>&1 || die "the build failed; see $RUN_DIR/build.log"
fi
[ -f "$JAR" ] || die "$JAR does not exist (build with ./mvnw -q -DskipTests package)"
RUN_JAR=$WORK/tenantcore.jar # a private copy: a rebuild during the run must not swap classes under the JVM
cp "$JAR" "$RUN_JAR"
CLASSES=$RUN_DIR/classes
javac -d "$CLASSES" "$BENCH_DIR/Bench.java" || die "cannot compile bench/Bench.java"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=
for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    port_busy "$p" || { PORT=$p; break; }
done
[ -n "$PORT" ] || die "no free port found"
BASE=http://127.0.0.1:$PORT

# The same command for every start: nothing in it says whether the last run ended cleanly.
APP_CMD=(env -u DATABASE_URL -u SPRING_DATASOURCE_URL -u SPRING_PROFILES_ACTIVE -u PORT
    AXONIQ_UPDATE_CHECKER_DISABLED=true
    "TENANTCORE_CREDENTIALS_KEYS_CRASH=$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
    java $JAVA_OPTS -Ddisable-axoniq-console-message=true -jar "$RUN_JAR"
    --server.address=127.0.0.1 --server.port="$PORT" --spring.profiles.active=demo
    --app.embedded-db.data-dir="$DATA_DIR" --app.rate-limits.enabled=false)
log "app: ${APP_CMD[*]//TENANTCORE_CREDENTIALS_KEYS_CRASH=*/TENANTCORE_CREDENTIALS_KEYS_CRASH=…}"
log "data directory $DATA_DIR, port $PORT, results in $RUN_DIR"

START_COUNT=0
RESTART_MS=()
start_app() { # sets APP_PID; returns 1 when the app does not become ready
    local logfile=$RUN_DIR/app-$START_COUNT.log t0 code
    START_COUNT=$((START_COUNT + 1))
    t0=$(date +%s%N)
    "${APP_CMD[@]}" >"$logfile" 2>&1 &
    APP_PID=$!
    while :; do
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            log "the app exited during its start; its last lines:"
            grep -E 'ERROR|Exception|Caused by|Gave up' "$logfile" | tail -n 8 | sed 's/^/    /' >&9
            APP_PID=
            return 1
        fi
        code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$BASE/actuator/health/readiness" || true)
        if [ "$code" = 200 ]; then
            LAST_START_MS=$((($(date +%s%N) - t0) / 1000000))
            return 0
        fi
        if (($(date +%s%N) - t0 > READY_LIMIT * 1000000000)); then
            log "the app is not ready after ${READY_LIMIT} s"
            return 1
        fi
        sleep 0.2
    done
}

bench() { java -cp "$CLASSES" Bench "$@" base="$BASE" origin="$ORIGIN"; }
result() { sed -n "s/^RESULT $2=//p" "$1" | tail -n1; }

verify() { # every acknowledged write so far is readable
    local out=$RUN_DIR/verify-$1.txt
    bench readable ids="$ACKED" timeout=120 >"$out" 2>>"$RUN_DIR/bench-java.log" || true
    CHECKED=$(result "$out" checked)
    LOST=$(result "$out" lost)
    [ -n "$LOST" ] || { log "could not verify (see $out)"; LOST=unknown; return 1; }
    grep '^LOST' "$out" | head -n 5 | sed 's/^/    /' >&9 || true
    [ "$LOST" = 0 ]
}

FAILED=
ROUND=0
ROWS=()
log "first start"
start_app || die "the app did not start the first time; see $RUN_DIR/app-0.log"
log "ready after ${LAST_START_MS} ms"
for kind in $KINDS; do
    for ((r = 1; r <= ROUNDS; r++)); do
        ROUND=$((ROUND + 1))
        before=$(wc -l <"$ACKED")
        bench writes clients="$LOAD_CLIENTS" duration=$((KILL_AFTER + 150)) tag="r$ROUND" out="$ACKED" \
            >"$RUN_DIR/writes-$ROUND.txt" 2>>"$RUN_DIR/bench-java.log" &
        LOAD_PID=$!
        # Kill in the middle of the load: once writes are being acknowledged, KILL_AFTER seconds on.
        for ((i = 0; i < 1200; i++)); do
            [ "$(wc -l <"$ACKED")" -gt "$before" ] || ! kill -0 "$LOAD_PID" 2>/dev/null && break
            sleep 0.1
        done
        [ "$(wc -l <"$ACKED")" -gt "$before" ] || log "round $ROUND: no write was acknowledged before the kill (see writes-$ROUND.txt)"
        sleep "$KILL_AFTER"
        pg=$(postmaster_pid)
        case $kind in
            jvm) victims="$APP_PID" ;;
            orphan) victims="$APP_PID $(pgrep -P "$APP_PID" | tr '\n' ' ')" ;;
            jvm+pg) victims="$APP_PID $pg" ;;
            *) die "unknown kind $kind" ;;
        esac
        # shellcheck disable=SC2086
        kill -KILL $victims 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
        APP_PID=
        wait "$LOAD_PID" 2>/dev/null || true
        LOAD_PID=
        acked=$(($(wc -l <"$ACKED") - before))
        log "round $ROUND ($kind): killed pids $victims ${KILL_AFTER} s after the first acknowledged write; $acked writes acknowledged in this round" \
            "(postgres $pg $(kill -0 "${pg:-0}" 2>/dev/null && echo 'still running' || echo 'gone'))"
        if ! start_app; then
            FAILED="round $ROUND ($kind): the restart failed"
            ROWS+=("| $ROUND | $kind | $acked | – | failed |")
            break 2
        fi
        log "round $ROUND: ready again after ${LAST_START_MS} ms"
        RESTART_MS+=("$LAST_START_MS")
        if ! verify "$ROUND"; then
            FAILED="round $ROUND ($kind): $LOST acknowledged writes are not readable"
            ROWS+=("| $ROUND | $kind | $acked | $LAST_START_MS | $LOST lost |")
            break 2
        fi
        ROWS+=("| $ROUND | $kind | $acked | $LAST_START_MS | 0 lost of $CHECKED |")
    done
done

if [ -z "$FAILED" ]; then
    # A clean stop must take PostgreSQL with it, as before.
    kill -TERM "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
    [ -z "$(postmaster_pid)" ] || FAILED="PostgreSQL still runs after a clean stop of the app"
fi

total=$(wc -l <"$ACKED")
{
    echo "| round | crash | writes acknowledged | restart to ready (ms) | outcome |"
    echo "|---|---|---:|---:|---|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "rounds: $ROUND; acknowledged writes: $total; lost: ${LOST:-0}; restart times (ms): ${RESTART_MS[*]:-none}"
    echo "result: ${FAILED:-PASSED}"
} | tee "$RUN_DIR/summary.md" >&9
[ -z "$FAILED" ] || exit 1
