#!/usr/bin/env bash
# Benchmark of the tenantcore API against the PostgreSQL server it runs on (see bench/README.md).
#
#   bash bench/run.sh [--quick] [--orders-only] [--build | --no-build] [--keep-data] [--rate-limits]
#
# One run, one PostgreSQL (the app's embedded server on a fixed port, fresh data directory):
#   (a) authenticated PATCH price changes/s at 1 and 8 clients vs pgbench "read max sequence
#       number + insert one ~1 KB event" at 1 and 8 clients;
#   (b) GET /api/v1/public/products?limit=20 requests/s on a fresh app instance whose runtime
#       role is subject to row-level security vs an identical one connected as a BYPASSRLS role;
#   (c) time from a PATCH response until GET /api/v1/products/{id} shows the new version;
#   (d) orders placed and paid end to end per second (place, payment opened by the saga, staff
#       mark it paid, order reads paid) at 8 and 1 clients, and the time from the placement
#       response until the order reads paid; once with clients polling the REST API, once with
#       clients told by the live socket (payment.created, order.paid).
# Everything it starts (three JVMs, the embedded PostgreSQL, load generators) is stopped on exit.
# Only 127.0.0.1 / localhost is contacted.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)

DURATION=${BENCH_DURATION:-20}          # seconds measured per load figure
WARMUP=${BENCH_WARMUP:-10}              # seconds of PATCH load discarded before each measurement
READ_WARMUP=${BENCH_READ_WARMUP:-15}    # minimum seconds of GET load discarded per app instance
JIT_WARMUP=${BENCH_JIT_WARMUP:-240}     # at most this many seconds of PATCH load before (a), until the JIT settles
VIS_N=${BENCH_VISIBILITY_N:-300}        # PATCHes timed in (c)
ORDER_POLL_MS=${BENCH_ORDER_POLL_MS:-2} # (d): pause between the GETs that wait for the payment / "paid"
ORDER_TIMEOUT_MS=${BENCH_ORDER_TIMEOUT_MS:-10000} # (d): placement to "paid" longer than this is a failure
CLIENTS_HI=8
PG_PORT=${BENCH_PG_PORT:-54329}
PORT_A=${BENCH_PORT:-18081}             # the app hosting the embedded PostgreSQL: (a) and (c)
PORT_RLS=${BENCH_RLS_PORT:-18082}       # (b): fresh instance, runtime role tenantcore_app (RLS applies)
PORT_B=${BENCH_BYPASS_PORT:-18083}      # (b): fresh instance, runtime role bench_bypass (BYPASSRLS)
TIME_LIMIT=${BENCH_TIME_LIMIT:-900}     # hard limit for the whole run, seconds
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms512m -Xmx1g}
APP_ARGS=${BENCH_APP_ARGS:-}            # extra --key=value arguments for all app instances
JAR=${BENCH_JAR:-$ROOT/app/target/tenantcore.jar}
ORIGIN=http://shop-a.localhost
READ_PATH='/api/v1/public/products?limit=20'
APP_ROLE=tenantcore_app
OWNER_ROLE=tenantcore_owner
BYPASS_ROLE=bench_bypass
BUILD=auto
KEEP_DATA=0
RATE_LIMITS=off
ORDERS_ONLY=0

usage() {
    sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    cat <<EOF

Options:
  --quick      short run (5 s figures, 100 visibility samples): a smoke test, not a result
  --orders-only only (d), the orders scenario (about 3 minutes)
  --build      build $JAR first (default: only when it is missing)
  --no-build   never build; fail if $JAR is missing
  --keep-data  keep the PostgreSQL data directory (bench/results/pgdata) afterwards
  --rate-limits keep the rate limiter in the request path, with limits too high to reject
               anything (default: app.rate-limits.enabled=false, see README)
Environment: BENCH_DURATION BENCH_WARMUP BENCH_READ_WARMUP BENCH_JIT_WARMUP BENCH_VISIBILITY_N BENCH_PG_PORT
  BENCH_PORT BENCH_RLS_PORT BENCH_BYPASS_PORT BENCH_TIME_LIMIT BENCH_JAVA_OPTS BENCH_APP_ARGS BENCH_JAR
  BENCH_NO_WRK=1 (use the Java load loop for (b) even when wrk is installed)
  BENCH_ORDER_POLL_MS BENCH_ORDER_TIMEOUT_MS
EOF
}

while [ $# -gt 0 ]; do
    case $1 in
        --quick) DURATION=5; WARMUP=2; READ_WARMUP=5; JIT_WARMUP=20; VIS_N=100 ;;
        --orders-only) ORDERS_ONLY=1 ;;
        --build) BUILD=always ;;
        --no-build) BUILD=never ;;
        --keep-data) KEEP_DATA=1 ;;
        --rate-limits) RATE_LIMITS=on ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 64 ;;
    esac
    shift
done

RESULTS=$BENCH_DIR/results
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN_DIR=$RESULTS/$STAMP
PGDATA_DIR=$RESULTS/pgdata
mkdir -p "$RUN_DIR"
ln -sfn "$STAMP" "$RESULTS/latest"
STARTED=$SECONDS

LOADS=()
load_mark() { LOADS+=("$1 $(cut -d' ' -f1-3 /proc/loadavg)"); }
exec 9>&2 # log lines go to the original stderr even from traps that run inside redirected functions
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$RUN_DIR/run.log" >&9; }
die() { log "ERROR: $*"; exit 1; }

# ------------------------------------------------------------------ cleanup

APP_A_PID=
APP_RLS_PID=
APP_B_PID=
CHILD_PID=
WATCHDOG_PID=

stop_pid() { # pid name grace-seconds
    local pid=$1 name=$2 grace=${3:-30} i
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.1
    done
    log "$name (pid $pid) did not stop within ${grace}s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# The embedded PostgreSQL is started by app A's JVM and stops with it; if the JVM had to be killed,
# stop the server through the pid file of our own data directory.
stop_embedded_pg() {
    local pidfile=$PGDATA_DIR/postmaster.pid pid i
    [ -f "$pidfile" ] || return 0
    pid=$(head -n1 "$pidfile" 2>/dev/null || true)
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 0
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$PGDATA_DIR" || return 0
    log "stopping the embedded PostgreSQL (pid $pid)"
    kill -INT "$pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    [ -n "$CHILD_PID" ] && kill -TERM "$CHILD_PID" 2>/dev/null && wait "$CHILD_PID" 2>/dev/null
    [ -n "$WATCHDOG_PID" ] && kill -TERM "$WATCHDOG_PID" 2>/dev/null && wait "$WATCHDOG_PID" 2>/dev/null
    stop_pid "$APP_B_PID" "BYPASSRLS instance"
    stop_pid "$APP_RLS_PID" "RLS instance"
    stop_pid "$APP_A_PID" "app"
    stop_embedded_pg
    if [ "$KEEP_DATA" != 1 ]; then rm -rf "$PGDATA_DIR"; fi
    rm -f "$RESULTS/.tenantcore-under-test.jar"
    # A failing run can log a stack trace per request: keep big logs, compressed.
    find "$RUN_DIR" -maxdepth 1 -name '*.log' -size +10M -exec gzip -f {} + 2>/dev/null
    case $rc in
        0) ;;
        2) log "finished, but some figures could not be measured; logs in $RUN_DIR" ;;
        *) log "failed (exit $rc) after $((SECONDS - STARTED)) s; logs in $RUN_DIR" ;;
    esac
    exit $rc
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# Hard time limit: the watchdog signals this shell, whose trap stops everything.
(
    trap 'kill "$s" 2>/dev/null; exit 0' TERM
    sleep "$TIME_LIMIT" & s=$!
    wait "$s"
    echo "time limit of ${TIME_LIMIT}s reached" >&2
    kill -TERM $$
) &
WATCHDOG_PID=$!

# Runs a command in the background under a timeout and waits for it, so that signals reach the
# trap at once and the trap can stop it.
bounded() { # seconds command...
    local secs=$1 rc=0
    shift
    timeout --kill-after=5 "$secs" "$@" &
    CHILD_PID=$!
    wait "$CHILD_PID" || rc=$?
    CHILD_PID=
    return $rc
}

# ------------------------------------------------------------------ prerequisites

SUDO=
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
APT_UPDATED=0
apt_install() {
    command -v apt-get >/dev/null || return 1
    if [ -n "$SUDO" ] && ! command -v sudo >/dev/null; then return 1; fi
    if [ $APT_UPDATED = 0 ]; then
        log "apt-get update"
        $SUDO apt-get update -qq >>"$RUN_DIR/apt.log" 2>&1 || return 1
        APT_UPDATED=1
    fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >>"$RUN_DIR/apt.log" 2>&1
}

need() { # command package
    command -v "$1" >/dev/null && return 0
    apt_install "$2" || true
    command -v "$1" >/dev/null || die "$1 is missing and could not be installed (package $2)"
}

need curl curl
need javac openjdk-17-jdk-headless
need psql postgresql-client
need pgbench postgresql-client
JAVA_VERSION=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')
[ "${JAVA_VERSION%%.*}" -ge 17 ] 2>/dev/null || die "Java 17 or newer is needed (found ${JAVA_VERSION:-none})"
USE_WRK=1
if [ "${BENCH_NO_WRK:-0}" = 1 ]; then
    USE_WRK=0
elif ! command -v wrk >/dev/null; then
    apt_install wrk || true
    if ! command -v wrk >/dev/null; then
        USE_WRK=0
        log "wrk is not available: (b) falls back to the Java load loop"
    fi
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$PG_PORT" "$PORT_A" "$PORT_RLS" "$PORT_B"; do
    port_busy "$p" && die "port $p on 127.0.0.1 is already in use (set BENCH_PG_PORT / BENCH_PORT / BENCH_RLS_PORT / BENCH_BYPASS_PORT)"
done

# A previous run killed hard may have left its PostgreSQL running on our data directory.
stop_embedded_pg
rm -rf "$PGDATA_DIR"

if [ "$BUILD" = always ] || { [ "$BUILD" = auto ] && [ ! -f "$JAR" ]; }; then
    log "building $JAR (./mvnw -q -DskipTests package)"
    bounded 900 bash -c 'cd "$1" && exec ./mvnw -q -DskipTests package' build "$ROOT" >"$RUN_DIR/build.log" 2>&1 \
        || die "the build failed; see $RUN_DIR/build.log"
elif [ -f "$JAR" ]; then
    newer=$(find "$ROOT" -path "$ROOT/bench" -prune -o \( -path '*/src/main/*' -o -name pom.xml \) \
        -newer "$JAR" -type f -print -quit 2>/dev/null || true)
    [ -z "$newer" ] || log "note: $JAR is older than ${newer#"$ROOT"/} (and maybe more): pass --build to rebuild it first"
fi
[ -f "$JAR" ] || die "$JAR does not exist (build with ./mvnw -q -DskipTests package)"
# Run a private copy: a rebuild of app/target during the run must not swap classes under the JVMs.
RUN_JAR=$RESULTS/.tenantcore-under-test.jar
cp "$JAR" "$RUN_JAR"

CLASSES=$RUN_DIR/classes
javac -d "$CLASSES" "$BENCH_DIR/Bench.java" || die "cannot compile bench/Bench.java"
bench() { # timeout-seconds output-file mode key=value...
    local secs=$1 out=$2
    shift 2
    bounded "$secs" java -cp "$CLASSES" Bench "$@" >"$out" 2>>"$RUN_DIR/bench-java.log"
}
result() { sed -n "s/^RESULT $2=//p" "$1" 2>/dev/null | tail -n1; }

# CPU time in clock ticks of one process, and of the embedded PostgreSQL: the postmaster with the
# time of the backends it has reaped, plus the backends alive now.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
    local pm
    pm=$(head -n1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null || echo none)
    # cat, not awk on the files, and its status ignored: a process that ends between the glob and
    # the read makes cat fail, which with pipefail and set -e would end the whole run.
    { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pm="$pm" '
        { pid = $1; sub(/^[0-9]+ \(.*\) /, "X X ") }   # comm may hold spaces: normalise it
        pid == pm { t += $14 + $15 + $16 + $17; next }
        $4 == pm { t += $14 + $15 }
        END { print t + 0 }'
}
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
per_req_ms() { awk -v t="$1" -v n="$2" -v hz="$CLK_TCK" 'BEGIN { if (n > 0) printf "%.2f", t * 1000 / hz / n; else print "n/a" }'; }

psql_su() { PGCONNECT_TIMEOUT=5 psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d tenantcore "$@"; }

{
    echo "date: $(date -u +%FT%TZ)"
    echo "host: $(uname -srm), $(nproc) cpu, $(awk '/MemTotal/ {printf "%.0f MB", $2/1024}' /proc/meminfo)"
    echo "java: $JAVA_VERSION; JAVA_OPTS: $JAVA_OPTS; app args: ${APP_ARGS:-none}; rate limits: $RATE_LIMITS"
    echo "jar: $JAR ($(date -u -r "$JAR" +%FT%TZ))"
    echo "git: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo none)$(git -C "$ROOT" status --porcelain 2>/dev/null | grep -q . && echo ' (uncommitted changes)')"
    echo "pgbench: $(pgbench --version 2>&1)"
    if [ $USE_WRK = 1 ]; then echo "wrk: $( (wrk -v 2>&1 || true) | head -n1)"; else echo "wrk: not used (Java fallback)"; fi
    echo "duration=$DURATION warmup=$WARMUP read_warmup=$READ_WARMUP visibility_n=$VIS_N orders_only=$ORDERS_ONLY order_poll_ms=$ORDER_POLL_MS order_timeout_ms=$ORDER_TIMEOUT_MS"
} >"$RUN_DIR/environment.txt"

# ------------------------------------------------------------------ app instances

APP_ENV_CLEAR=(-u DATABASE_URL -u DATABASE_USERNAME -u DATABASE_PASSWORD -u DATABASE_OWNER_USERNAME
    -u DATABASE_OWNER_PASSWORD -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME
    -u SPRING_DATASOURCE_PASSWORD -u SPRING_PROFILES_ACTIVE -u PORT)
# The update checker reads only a system property or this variable (not Spring properties).
APP_ENV=(AXONIQ_UPDATE_CHECKER_DISABLED=true)
# Tenants' credentials are encrypted under a configured key, as production's are (without one the
# first instance would generate one into the database). One throwaway key per run, shared by all
# three instances, passed in the environment rather than on the command line.
APP_ENV+=("TENANTCORE_CREDENTIALS_KEYS_BENCH=$(head -c 32 /dev/urandom | base64 | tr -d '\n')")
read -ra JAVA_OPTS_ARRAY <<<"$JAVA_OPTS"
read -ra APP_ARGS_ARRAY <<<"$APP_ARGS"
APP_JAVA=(java "${JAVA_OPTS_ARRAY[@]}" -Ddisable-axoniq-console-message=true -jar "$RUN_JAR" --server.address=127.0.0.1)
# Every load generator here is one client on one address, which the rate limiter (100 requests a
# minute per client by default) would throttle within seconds: switch it off, or keep it in the
# path with limits nothing reaches.
if [ "$RATE_LIMITS" = on ]; then
    for group in default login refresh register order-creation; do
        APP_JAVA+=("--app.rate-limits.$group.limit=1000000000" "--app.rate-limits.$group.period=PT1S")
    done
else
    APP_JAVA+=(--app.rate-limits.enabled=false)
fi

wait_ready() { # pid port log name
    local pid=$1 port=$2 logfile=$3 name=$4 t0=$SECONDS code
    while :; do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 40 "$logfile" >&2 || true
            die "$name exited during start; see $logfile"
        fi
        code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$port/actuator/health/readiness" || true)
        [ "$code" = 200 ] && { log "$name ready after $((SECONDS - t0)) s"; return 0; }
        ((SECONDS - t0 < 180)) || die "$name not ready after 180 s; see $logfile"
        sleep 1
    done
}

log "starting the app on 127.0.0.1:$PORT_A with an embedded PostgreSQL on port $PG_PORT (demo data)"
env "${APP_ENV_CLEAR[@]}" "${APP_ENV[@]}" "${APP_JAVA[@]}" \
    --server.port="$PORT_A" \
    --spring.profiles.active=demo,bench \
    --app.embedded-db.data-dir="$PGDATA_DIR" \
    --app.embedded-db.port="$PG_PORT" \
    ${APP_ARGS_ARRAY[@]+"${APP_ARGS_ARRAY[@]}"} \
    >"$RUN_DIR/app.log" 2>&1 &
APP_A_PID=$!
wait_ready "$APP_A_PID" "$PORT_A" "$RUN_DIR/app.log" "app"

IDS=$RUN_DIR/product-ids.txt
if [ "$ORDERS_ONLY" = 0 ]; then
bench 150 "$RUN_DIR/prepare.txt" prepare base="http://127.0.0.1:$PORT_A" origin="$ORIGIN" out="$IDS" \
    need=$((CLIENTS_HI + 1)) min-products=20 timeout=120 \
    || die "cannot get shop-a's products from GET /api/v1/products: $(result "$RUN_DIR/prepare.txt" error)"
log "shop-a has $(result "$RUN_DIR/prepare.txt" products) active products ($(result "$RUN_DIR/prepare.txt" created) created by the benchmark so that a storefront page of 20 is full)"
fi

psql_su -Atc "SELECT name || '=' || setting FROM pg_settings WHERE name IN
    ('fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'wal_level', 'max_connections', 'server_version')
    ORDER BY name" >"$RUN_DIR/pg-settings.txt" || die "cannot connect to PostgreSQL as postgres on port $PG_PORT"
PG_SETTINGS=$(paste -sd ' ' "$RUN_DIR/pg-settings.txt")
log "PostgreSQL: $PG_SETTINGS"

load_mark start
HTTP_1='' HTTP_8='' PGB_1='' PGB_8='' VIS_P50='' VIS_P99='' READ_RLS='' READ_BYPASS='' TWIN_1='' TWIN_8='' R=()

# (a), (c) and (b), skipped with --orders-only (not indented: the heredocs below end at column 0).
if [ "$ORDERS_ONLY" = 0 ]; then

# ------------------------------------------------------------------ (a) pgbench baseline

log "(a) pgbench baseline: read max sequence_number + insert one ~1 KB event into bench_event_entry"
psql_su <<'SQL'
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_event_entry;
-- Same shape, constraints and indexes as the app's domain_event_entry, but its own table and
-- sequence: the app's event store and global index are not touched.
CREATE TABLE bench_event_entry (
    global_index         BIGSERIAL    NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (global_index),
    UNIQUE (aggregate_identifier, sequence_number),
    UNIQUE (event_identifier)
);
SQL
PAD=$(printf '%*s' 760 '' | tr ' ' 'x')
cat >"$RUN_DIR/pgbench-append.sql" <<SQL
-- One client = one aggregate ('bench-<client>'), like the HTTP clients (no contention).
-- payload ~860 bytes + meta_data ~170 bytes: about 1 KB per event.
BEGIN;
SELECT coalesce(max(sequence_number), -1) + 1 AS next_seq FROM bench_event_entry WHERE aggregate_identifier = 'bench-' || :client_id::text \gset
INSERT INTO bench_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp) VALUES ('bench-' || :client_id::text, :next_seq, 'Product', gen_random_uuid()::text, convert_to('{"tenantId":"5f0c8a4e-3b7d-4c1e-9a2f-6d8e1b3c5a7f","userId":"0e7d3c2b-1a4f-4e6d-8c9b-2a1f3e5d7c9b","traceId":"' || gen_random_uuid()::text || '","correlationId":"' || gen_random_uuid()::text || '"}', 'UTF8'), convert_to('{"productId":"' || gen_random_uuid()::text || '","price":{"amountMinor":' || :next_seq || ',"currency":"EUR"},"note":"$PAD"}', 'UTF8'), NULL, 'dev.tenantcore.api.catalog.ProductUpdatedEvent', now()::text);
END;
SQL
pgbench_run() { # clients threads seconds output
    local p0 p1 rc=0
    p0=$(pg_ticks)
    bounded $(($3 + 60)) pgbench -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -M prepared \
        -f "$RUN_DIR/pgbench-append.sql" -c "$1" -j "$2" -T "$3" tenantcore >"$4" 2>&1 || rc=$?
    p1=$(pg_ticks)
    echo "pg_cpu_ticks=$((p1 - p0)) clk_tck=$CLK_TCK" >>"$4"
    return $rc
}
pgbench_cpu() { # output -> PostgreSQL CPU ms per transaction
    local ticks n
    ticks=$(sed -n 's/^pg_cpu_ticks=\([0-9-]*\).*/\1/p' "$1" 2>/dev/null | tail -n1)
    n=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$1" 2>/dev/null | tail -n1)
    per_req_ms "${ticks:-0}" "${n:-0}"
}
tps_of() {
    sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$1" | tail -n1 \
        | awk '{ printf "%.1f", $1 }'
}
PGB_1='' PGB_8=''
if pgbench_run "$CLIENTS_HI" 2 3 "$RUN_DIR/pgbench-warmup.txt"; then
    pgbench_run 1 1 "$DURATION" "$RUN_DIR/pgbench-c1.txt" && PGB_1=$(tps_of "$RUN_DIR/pgbench-c1.txt")
    pgbench_run "$CLIENTS_HI" 2 "$DURATION" "$RUN_DIR/pgbench-c$CLIENTS_HI.txt" \
        && PGB_8=$(tps_of "$RUN_DIR/pgbench-c$CLIENTS_HI.txt")
else
    log "pgbench failed: $(tail -n 3 "$RUN_DIR/pgbench-warmup.txt")"
fi
load_mark after-pgbench
log "pgbench: ${PGB_1:-n/a} tps (1 client), ${PGB_8:-n/a} tps ($CLIENTS_HI clients)"
psql_su -Atc "SELECT 'bench_event_entry rows=' || count(*) || ', avg row bytes=' ||
    round(avg(octet_length(payload) + octet_length(meta_data))) FROM bench_event_entry" >>"$RUN_DIR/pgbench-c1.txt" || true
psql_su -c "DROP TABLE IF EXISTS bench_event_entry" || true

# ------------------------------------------------------------------ (a) HTTP commands

patch_run() { # clients output
    bench $((WARMUP + DURATION + 90)) "$2" patch base="http://127.0.0.1:$PORT_A" origin="$ORIGIN" ids="$IDS" \
        clients="$1" warmup="$WARMUP" duration="$DURATION" \
        app-pid="$APP_A_PID" pg-pid="$(head -n1 "$PGDATA_DIR/postmaster.pid")" clk-tck="$CLK_TCK"
}
# A JVM just started runs the request path interpreted, then compiled by C1, then by C2; on two
# cores the compiler threads take a large share of the CPU for minutes (one C2 thread at 30 % of the
# machine after 90 s of load: bench/profile.sh's thread table). Measured that early, (a) would
# count the compiler's work as the command's, and (e), measured last, would find it done. So the
# PATCH path is loaded at CLIENTS_HI clients in 10 s steps until the app's CPU per PATCH has stopped
# falling (less than 5 % between two steps, after at least 60 s; at most JIT_WARMUP seconds).
warm_jit() {
    local t=0 i=0 prev='' cur trail=''
    while [ "$t" -lt "$JIT_WARMUP" ]; do
        i=$((i + 1))
        bench 120 "$RUN_DIR/jit-warmup-$i.txt" patch base="http://127.0.0.1:$PORT_A" origin="$ORIGIN" ids="$IDS" \
            clients="$CLIENTS_HI" warmup=0 duration=10 \
            app-pid="$APP_A_PID" pg-pid="$(head -n1 "$PGDATA_DIR/postmaster.pid")" clk-tck="$CLK_TCK" || true
        cur=$(result "$RUN_DIR/jit-warmup-$i.txt" app_cpu_ms_per_req)
        t=$((t + 10))
        trail="$trail ${cur:-?}"
        if [ "$t" -ge 60 ] && [ -n "$prev" ] && [ -n "$cur" ] \
            && awk -v p="$prev" -v c="$cur" 'BEGIN { exit !(c >= 0.95 * p) }'; then
            break
        fi
        [ -n "$cur" ] && prev=$cur
    done
    JIT_WARMED=$t
    log "JIT warm-up: ${t}s of PATCH load at $CLIENTS_HI clients; app CPU ms per PATCH in each 10 s step:$trail"
}
warm_jit

HTTP_1='' HTTP_8=''
log "(a) PATCH /api/v1/products/{id}, 1 client: ${WARMUP}s warm-up + ${DURATION}s"
patch_run 1 "$RUN_DIR/patch-c1.txt" && HTTP_1=$(result "$RUN_DIR/patch-c1.txt" rps) \
    || log "PATCH run failed: $(result "$RUN_DIR/patch-c1.txt" error)"
log "(a) PATCH /api/v1/products/{id}, $CLIENTS_HI clients: ${WARMUP}s warm-up + ${DURATION}s"
patch_run "$CLIENTS_HI" "$RUN_DIR/patch-c$CLIENTS_HI.txt" && HTTP_8=$(result "$RUN_DIR/patch-c$CLIENTS_HI.txt" rps) \
    || log "PATCH run failed: $(result "$RUN_DIR/patch-c$CLIENTS_HI.txt" error)"
for f in "$RUN_DIR/patch-c1.txt" "$RUN_DIR/patch-c$CLIENTS_HI.txt"; do
    e=$(result "$f" errors)
    [ -z "$e" ] || [ "$e" = 0 ] || log "WARNING: $e failed PATCHes in $(basename "$f"): $(result "$f" first_error)"
done
load_mark after-patch
log "PATCH: ${HTTP_1:-n/a} req/s (1 client), ${HTTP_8:-n/a} req/s ($CLIENTS_HI clients)"

# ------------------------------------------------------------------ (c) read-your-write lag

VIS_P50='' VIS_P99=''
log "(c) $VIS_N sequential PATCHes, each followed by GETs until the new version is visible"
if bench 600 "$RUN_DIR/visibility.txt" visibility base="http://127.0.0.1:$PORT_A" origin="$ORIGIN" ids="$IDS" \
        n="$VIS_N" warm=20 raw="$RUN_DIR/visibility.csv"; then
    VIS_P50=$(result "$RUN_DIR/visibility.txt" p50_ms)
    VIS_P99=$(result "$RUN_DIR/visibility.txt" p99_ms)
    log "visibility: p50 $VIS_P50 ms, p99 $VIS_P99 ms, max $(result "$RUN_DIR/visibility.txt" max_ms) ms," \
        "timeouts $(result "$RUN_DIR/visibility.txt" timeouts); read model caught up with the PATCH backlog" \
        "in $(result "$RUN_DIR/visibility.txt" first_catch_up_ms) ms"
else
    log "visibility run failed: $(result "$RUN_DIR/visibility.txt" error)"
fi

load_mark after-visibility

# ------------------------------------------------------------------ (e) the CRUD twin
# The same price change as one UPDATE of the product's row (ProductCrudTwin, bench profile only),
# through the same filters, security and row-level security. Last on these products: a row the
# twin changed no longer follows its events.

twin_run() { # clients output
    bench $((WARMUP + DURATION + 90)) "$2" patch base="http://127.0.0.1:$PORT_A" origin="$ORIGIN" ids="$IDS" \
        prefix=/api/v1/bench/crud-twin/products/ clients="$1" warmup="$WARMUP" duration="$DURATION" \
        app-pid="$APP_A_PID" pg-pid="$(head -n1 "$PGDATA_DIR/postmaster.pid")" clk-tck="$CLK_TCK"
}
TWIN_1='' TWIN_8=''
if [ "$ORDERS_ONLY" = 0 ]; then
log "(e) CRUD twin PATCH /api/v1/bench/crud-twin/products/{id}, 1 client: ${WARMUP}s warm-up + ${DURATION}s"
twin_run 1 "$RUN_DIR/twin-c1.txt" && TWIN_1=$(result "$RUN_DIR/twin-c1.txt" rps) \
    || log "CRUD twin run failed: $(result "$RUN_DIR/twin-c1.txt" error)"
log "(e) CRUD twin, $CLIENTS_HI clients: ${WARMUP}s warm-up + ${DURATION}s"
twin_run "$CLIENTS_HI" "$RUN_DIR/twin-c$CLIENTS_HI.txt" && TWIN_8=$(result "$RUN_DIR/twin-c$CLIENTS_HI.txt" rps) \
    || log "CRUD twin run failed: $(result "$RUN_DIR/twin-c$CLIENTS_HI.txt" error)"
load_mark after-twin
log "CRUD twin: ${TWIN_1:-n/a} req/s (1 client), ${TWIN_8:-n/a} req/s ($CLIENTS_HI clients)"
fi

# ------------------------------------------------------------------ (b) reads, RLS vs BYPASSRLS

# Two fresh instances against the embedded server, started together and treated alike, so that
# the only difference is the runtime role: tenantcore_app (policies apply) or bench_bypass
# (BYPASSRLS). Instance A, which hosts the embedded PostgreSQL, stays up and idle.
log "(b) creating role $BYPASS_ROLE (LOGIN BYPASSRLS, member of $APP_ROLE); starting an RLS instance on :$PORT_RLS and a BYPASSRLS instance on :$PORT_B"
psql_su <<SQL
DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$BYPASS_ROLE') THEN
        CREATE ROLE $BYPASS_ROLE LOGIN BYPASSRLS NOSUPERUSER NOCREATEDB NOCREATEROLE;
    END IF;
END \$\$;
ALTER ROLE $BYPASS_ROLE BYPASSRLS;
GRANT $APP_ROLE TO $BYPASS_ROLE;
SQL
start_reader() { # role port log extra-args...
    local role=$1 port=$2 logfile=$3
    shift 3
    env "${APP_ENV_CLEAR[@]}" "${APP_ENV[@]}" \
        DATABASE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/tenantcore" \
        DATABASE_USERNAME="$role" \
        DATABASE_OWNER_USERNAME="$OWNER_ROLE" \
        "${APP_JAVA[@]}" \
        --server.port="$port" \
        --app.embedded-db.enabled=false \
        --app.database.app-role="$APP_ROLE" \
        "$@" \
        ${APP_ARGS_ARRAY[@]+"${APP_ARGS_ARRAY[@]}"} \
        >"$logfile" 2>&1 &
}
start_reader "$APP_ROLE" "$PORT_RLS" "$RUN_DIR/app-rls.log"
APP_RLS_PID=$!
start_reader "$BYPASS_ROLE" "$PORT_B" "$RUN_DIR/app-bypass.log" --app.database.allow-privileged-role=true
APP_B_PID=$!
wait_ready "$APP_RLS_PID" "$PORT_RLS" "$RUN_DIR/app-rls.log" "RLS instance"
wait_ready "$APP_B_PID" "$PORT_B" "$RUN_DIR/app-bypass.log" "BYPASSRLS instance"

psql_su -Atc "SELECT usename || ' ' || rolbypassrls || ' ' || count(*) FROM pg_stat_activity a
    JOIN pg_roles r ON r.rolname = a.usename WHERE datname = 'tenantcore'
    GROUP BY usename, rolbypassrls ORDER BY 1" >"$RUN_DIR/connections.txt" || true
grep -q "^$BYPASS_ROLE true" "$RUN_DIR/connections.txt" \
    || die "the bypass instance is not connected as $BYPASS_ROLE with BYPASSRLS (see $RUN_DIR/connections.txt)"

# Both instances should serve pages of the same size. If the bypass instance lists other tenants'
# products, the app filters by tenant through RLS alone; that is fine as long as the pages are full.
READ_NOTE=
for side in rls:$PORT_RLS bypass:$PORT_B; do
    bench 60 "$RUN_DIR/read-probe-${side%%:*}.txt" probe base="http://127.0.0.1:${side#*:}" origin="$ORIGIN" \
        path="$READ_PATH" body="$RUN_DIR/read-sample-${side%%:*}.json" || true
done
PROBE_A="$(result "$RUN_DIR/read-probe-rls.txt" status) $(result "$RUN_DIR/read-probe-rls.txt" items)"
PROBE_B="$(result "$RUN_DIR/read-probe-bypass.txt" status) $(result "$RUN_DIR/read-probe-bypass.txt" items)"
if [ "${PROBE_A%% *}" != 200 ] || [ "${PROBE_B%% *}" != 200 ]; then
    READ_NOTE="GET $READ_PATH answered ${PROBE_A%% *} (RLS) / ${PROBE_B%% *} (bypass)"
elif [ "${PROBE_A#* }" != "${PROBE_B#* }" ]; then
    READ_NOTE="the RLS instance lists ${PROBE_A#* } products, the bypass instance ${PROBE_B#* }: the pages differ in size, so the two do different work"
fi
[ -z "$READ_NOTE" ] || log "WARNING: $READ_NOTE"
READ_INFO=
if [ "$(result "$RUN_DIR/read-probe-rls.txt" ids)" != "$(result "$RUN_DIR/read-probe-bypass.txt" ids)" ]; then
    READ_INFO="with BYPASSRLS the page holds other tenants' products too: the storefront query filters by tenant through RLS alone (pages of ${PROBE_A#* } and ${PROBE_B#* } items)"
    log "note: $READ_INFO"
fi

read_load() { # port seconds output
    if [ $USE_WRK = 1 ]; then
        bounded $(($2 + 30)) wrk -t2 -c8 -d"${2}s" --timeout 5s --latency -H "Origin: $ORIGIN" \
            "http://127.0.0.1:$1$READ_PATH" >"$3" 2>&1
    else
        bench $(($2 + 60)) "$3" reads base="http://127.0.0.1:$1" origin="$ORIGIN" path="$READ_PATH" \
            clients=8 duration="$2"
    fi
}
rps_of() { # output -> requests/s, empty when any request failed
    local f=$1 bad
    if [ $USE_WRK = 1 ]; then
        bad=$( (grep -E 'Non-2xx or 3xx responses|Socket errors' "$f" || true) | head -n1)
        [ -z "$bad" ] || { log "WARNING: $(basename "$f"): $bad"; return 0; }
        sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$f"
    else
        bad=$(result "$f" errors)
        [ "$bad" = 0 ] || { log "WARNING: $(basename "$f"): $bad failed requests"; return 0; }
        result "$f" rps
    fi
}

# A fresh JVM needs a while before the JIT has compiled the request path. Warm both instances in
# alternating 5 s steps until neither rises by more than 5 % any more (each at least READ_WARMUP s,
# at most 3 x READ_WARMUP s).
warm_reads() {
    local t=0 i=0 prev_r='' prev_b='' cur_r cur_b trail_r='' trail_b=''
    while :; do
        i=$((i + 1))
        read_load "$PORT_RLS" 5 "$RUN_DIR/reads-warmup-rls-$i.txt" || true
        read_load "$PORT_B" 5 "$RUN_DIR/reads-warmup-bypass-$i.txt" || true
        cur_r=$(rps_of "$RUN_DIR/reads-warmup-rls-$i.txt")
        cur_b=$(rps_of "$RUN_DIR/reads-warmup-bypass-$i.txt")
        t=$((t + 5))
        trail_r="$trail_r ${cur_r:-?}"
        trail_b="$trail_b ${cur_b:-?}"
        [ "$t" -ge $((3 * READ_WARMUP)) ] && break
        if [ "$t" -ge "$READ_WARMUP" ] && [ -n "$cur_r$prev_r$cur_b$prev_b" ] \
            && awk -v a="$cur_r" -v pa="$prev_r" -v b="$cur_b" -v pb="$prev_b" \
                'BEGIN { exit !(pa > 0 && pb > 0 && a < pa * 1.05 && b < pb * 1.05) }'; then
            break
        fi
        prev_r=$cur_r
        prev_b=$cur_b
    done
    log "warm-up, req/s per 5 s: RLS$trail_r; bypass$trail_b"
}

HALF=$(((DURATION + 1) / 2))
log "(b) GET $READ_PATH: warm-up, then RLS, bypass, bypass, RLS (${HALF}s each)"
warm_reads
R=()
declare -A JVM_T=([rls]=0 [bypass]=0) PG_T=([rls]=0 [bypass]=0) REQS=([rls]=0 [bypass]=0)
for step in rls-1:$PORT_RLS:$APP_RLS_PID bypass-1:$PORT_B:$APP_B_PID bypass-2:$PORT_B:$APP_B_PID rls-2:$PORT_RLS:$APP_RLS_PID; do
    IFS=: read -r name port pid <<<"$step"
    f="$RUN_DIR/reads-$name.txt"
    j0=$(cpu_ticks "$pid") p0=$(pg_ticks)
    read_load "$port" "$HALF" "$f" || log "load run $name failed"
    j1=$(cpu_ticks "$pid") p1=$(pg_ticks)
    echo "$name jvm_ticks=$((j1 - j0)) pg_ticks=$((p1 - p0))" >>"$RUN_DIR/reads-cpu.txt"
    rps=$(rps_of "$f")
    R+=("$rps")
    side=${name%-*}
    JVM_T[$side]=$((JVM_T[$side] + j1 - j0))
    PG_T[$side]=$((PG_T[$side] + p1 - p0))
    REQS[$side]=$(awk -v r="${rps:-0}" -v s="$HALF" -v n="${REQS[$side]}" 'BEGIN { printf "%d", n + r * s }')
done
CPU_NOTE="CPU per request: app JVM $(per_req_ms "${JVM_T[rls]}" "${REQS[rls]}") ms (RLS) vs $(per_req_ms "${JVM_T[bypass]}" "${REQS[bypass]}") ms (bypass), PostgreSQL $(per_req_ms "${PG_T[rls]}" "${REQS[rls]}") ms vs $(per_req_ms "${PG_T[bypass]}" "${REQS[bypass]}") ms"
log "$CPU_NOTE"
load_mark after-reads
mean2() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "") exit; printf "%.1f", (a + b) / 2 }'; }
READ_RLS=$(mean2 "${R[0]}" "${R[3]}")
READ_BYPASS=$(mean2 "${R[1]}" "${R[2]}")
case $READ_NOTE in *answered*) READ_RLS= ;; esac
log "reads: ${READ_RLS:-n/a} req/s with RLS (${R[0]:-?}, ${R[3]:-?}), ${READ_BYPASS:-n/a} req/s bypassed (${R[1]:-?}, ${R[2]:-?})"

stop_pid "$APP_B_PID" "BYPASSRLS instance"
stop_pid "$APP_RLS_PID" "RLS instance"
APP_B_PID='' APP_RLS_PID=''

fi # ORDERS_ONLY = 0

# ------------------------------------------------------------------ (d) orders placed and paid

# Last, on instance A alone, so that (a)-(c) are measured exactly as before. Each client is a new
# customer with a product of its own (stock high enough for every order of the run) and its own
# staff session: place, wait for the payment the saga opens, mark it paid, wait for "paid".
orders_run() { # clients warmup duration output wait(poll|live)
    bench $(($2 + $3 + 120)) "$4" orders base="http://127.0.0.1:$PORT_A" origin="$ORIGIN" wait="$5" \
        clients="$1" warmup="$2" duration="$3" timeout-ms="$ORDER_TIMEOUT_MS" poll-pause-ms="$ORDER_POLL_MS" stock=1000000 \
        app-pid="$APP_A_PID" pg-pid="$(head -n1 "$PGDATA_DIR/postmaster.pid")" clk-tck="$CLK_TCK"
}
ORD_8='' ORD_1='' ORD_LIVE_8='' ORD_LIVE_1=''
APP_LOG_MARK=$(wc -l <"$RUN_DIR/app.log")
ORD_F8=$RUN_DIR/orders-c$CLIENTS_HI.txt
ORD_F1=$RUN_DIR/orders-c1.txt
ORD_LIVE_F8=$RUN_DIR/orders-live-c$CLIENTS_HI.txt
ORD_LIVE_F1=$RUN_DIR/orders-live-c1.txt
ORD_WARMUP_1=$((WARMUP < 3 ? WARMUP : 3))
orders_measure() { # variable clients warmup output wait(poll|live): the run's orders/s into variable
    local how=polling
    [ "$5" = live ] && how="live socket"
    log "(d) orders placed and paid, $how, $2 client$([ "$2" = 1 ] || echo s): ${3}s warm-up + ${DURATION}s"
    if orders_run "$2" "$3" "$DURATION" "$4" "$5"; then
        printf -v "$1" '%s' "$(result "$4" ops)"
    else
        log "orders run failed: $(result "$4" error)"
    fi
}
orders_measure ORD_8 "$CLIENTS_HI" "$WARMUP" "$ORD_F8" poll
# The 8-client run has warmed the JIT: a short warm-up is enough for the runs after it.
orders_measure ORD_1 1 "$ORD_WARMUP_1" "$ORD_F1" poll
# The same trip with every client told by its live socket instead of polling.
orders_measure ORD_LIVE_8 "$CLIENTS_HI" "$ORD_WARMUP_1" "$ORD_LIVE_F8" live
orders_measure ORD_LIVE_1 1 "$ORD_WARMUP_1" "$ORD_LIVE_F1" live
for f in "$ORD_F8" "$ORD_F1" "$ORD_LIVE_F8" "$ORD_LIVE_F1"; do
    e=$(result "$f" errors)
    [ -z "$e" ] || [ "$e" = 0 ] || log "WARNING: $e failed orders in $(basename "$f") ($(result "$f" errors_by_stage)): $(result "$f" first_error)"
done
# What the app logged at WARN or ERROR meanwhile (the saga retries a failing event and logs it).
tail -n +$((APP_LOG_MARK + 1)) "$RUN_DIR/app.log" | grep -E ' (WARN|ERROR) ' >"$RUN_DIR/orders-app-warnings.log" || true
ORD_WARN=$(wc -l <"$RUN_DIR/orders-app-warnings.log")
[ "$ORD_WARN" = 0 ] || log "WARNING: the app logged $ORD_WARN WARN/ERROR lines during (d); see orders-app-warnings.log"
load_mark after-orders
log "orders: ${ORD_8:-n/a} orders/s ($CLIENTS_HI clients), ${ORD_1:-n/a} orders/s (1 client) polling; ${ORD_LIVE_8:-n/a} / ${ORD_LIVE_1:-n/a} with the live socket"

# ------------------------------------------------------------------ report

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
verdict() { # value op target
    awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
        if (v == "" || v == "n/a") { print "not measured"; exit }
        ok = (op == ">=") ? (v + 0 >= t + 0) : (v + 0 <= t + 0)
        print (ok ? "met" : "MISSED") }'
}
num() { if [ -n "$1" ]; then printf '%s' "$1"; else printf 'n/a'; fi; }

failed() { local e; e=$(result "$1" errors); if [ -n "$e" ] && [ "$e" != 0 ]; then printf ' (%s failed)' "$e"; fi; }
RA1=$(ratio "$HTTP_1" "$PGB_1")
RA8=$(ratio "$HTTP_8" "$PGB_8")
RB=$(ratio "$READ_RLS" "$READ_BYPASS")
RE1=$(ratio "$HTTP_1" "$TWIN_1")
RE8=$(ratio "$HTTP_8" "$TWIN_8")
SUMMARY=$RUN_DIR/summary.md
ord_row() { # file clients how
    local f=$1 c=$2 how=$3
    echo "| (d) orders placed and paid, $how, $c client$([ "$c" = 1 ] || echo s) (orders/s) | $(num "$(result "$f" ops)")$(failed "$f") | – | – | – |"
    echo "| (d) placement response → paid seen, $how, $c client$([ "$c" = 1 ] || echo s), p50 (ms) | $(num "$(result "$f" latency_p50_ms)") | – | – | – |"
    echo "| (d) placement response → paid seen, $how, $c client$([ "$c" = 1 ] || echo s), p99 (ms) | $(num "$(result "$f" latency_p99_ms)") | – | – | – |"
}
ord_note() { # file clients how
    local f=$1
    echo "- $3, $2 client$([ "$2" = 1 ] || echo s): $(num "$(result "$f" ok)") orders paid in ${DURATION}s ($(num "$(result "$f" warmup_ok)") in the warm-up);" \
        "failed $(num "$(result "$f" errors)") ($(num "$(result "$f" warmup_errors)") in the warm-up; by stage: $(num "$(result "$f" errors_by_stage)"))." \
        "p50/p99 ms per step: place $(num "$(result "$f" place_p50_ms)")/$(num "$(result "$f" place_p99_ms)")," \
        "placed → payment known $(num "$(result "$f" payment_visible_p50_ms)")/$(num "$(result "$f" payment_visible_p99_ms)")," \
        "mark-paid $(num "$(result "$f" mark_paid_p50_ms)")/$(num "$(result "$f" mark_paid_p99_ms)")," \
        "mark-paid response → paid seen $(num "$(result "$f" paid_visible_p50_ms)")/$(num "$(result "$f" paid_visible_p99_ms)");" \
        "end to end max $(num "$(result "$f" latency_max_ms)") ms. CPU per paid order: app JVM $(num "$(result "$f" app_cpu_ms_per_req)") ms" \
        "(of which its JIT compiler $(num "$(result "$f" app_jit_cpu_ms_per_req)") ms)," \
        "PostgreSQL $(num "$(result "$f" pg_cpu_ms_per_req)") ms.$([ -z "$(result "$f" first_error)" ] || echo " First failure: $(result "$f" first_error)")"
}
{
    echo "| measure | value | baseline | ratio | target |"
    echo "|---|---:|---:|---:|---|"
    if [ "$ORDERS_ONLY" = 0 ]; then
    echo "| (a) PATCH price change, 1 client (req/s) | $(num "$HTTP_1")$(failed "$RUN_DIR/patch-c1.txt") | $(num "$PGB_1") tps pgbench append, 1 client | $RA1 | ≥ 0.5: $(verdict "$RA1" '>=' 0.5) |"
    echo "| (a) PATCH price change, $CLIENTS_HI clients (req/s) | $(num "$HTTP_8")$(failed "$RUN_DIR/patch-c$CLIENTS_HI.txt") | $(num "$PGB_8") tps pgbench append, $CLIENTS_HI clients | $RA8 | ≥ 0.5: $(verdict "$RA8" '>=' 0.5) |"
    echo "| (e) PATCH price change / CRUD twin, 1 client | $(num "$HTTP_1") | $(num "$TWIN_1")$(failed "$RUN_DIR/twin-c1.txt") req/s CRUD twin, 1 client | $RE1 | – |"
    echo "| (e) PATCH price change / CRUD twin, $CLIENTS_HI clients | $(num "$HTTP_8") | $(num "$TWIN_8")$(failed "$RUN_DIR/twin-c$CLIENTS_HI.txt") req/s CRUD twin, $CLIENTS_HI clients | $RE8 | ≥ 0.8: $(verdict "$RE8" '>=' 0.8) |"
    echo "| (b) GET public products limit=20, RLS (req/s) | $(num "$READ_RLS") | $(num "$READ_BYPASS") req/s with BYPASSRLS | $RB | ≥ 0.9: $(verdict "$RB" '>=' 0.9) |"
    echo "| (c) PATCH response → visible in GET, p50 (ms) | $(num "$VIS_P50") | – | – | – |"
    echo "| (c) PATCH response → visible in GET, p99 (ms) | $(num "$VIS_P99") | – | – | ≤ 20 ms: $(verdict "$VIS_P99" '<=' 20) |"
    fi
    ord_row "$ORD_F8" "$CLIENTS_HI" polling
    ord_row "$ORD_F1" 1 polling
    ord_row "$ORD_LIVE_F8" "$CLIENTS_HI" "live socket"
    ord_row "$ORD_LIVE_F1" 1 "live socket"
    echo
    echo "PostgreSQL (embedded, shared by all rows): $PG_SETTINGS. Rate limiter: $([ "$RATE_LIMITS" = on ] && echo 'in the path, limits raised' || echo 'off')${APP_ARGS:+; app arguments: $APP_ARGS}."
    if [ "$ORDERS_ONLY" = 0 ]; then
    echo "PATCH latency p50/p99: $(num "$(result "$RUN_DIR/patch-c1.txt" latency_p50_ms)")/$(num "$(result "$RUN_DIR/patch-c1.txt" latency_p99_ms)") ms (1 client)," \
        "$(num "$(result "$RUN_DIR/patch-c$CLIENTS_HI.txt" latency_p50_ms)")/$(num "$(result "$RUN_DIR/patch-c$CLIENTS_HI.txt" latency_p99_ms)") ms ($CLIENTS_HI clients);" \
        "failed PATCHes: $(num "$(result "$RUN_DIR/patch-c1.txt" errors)") / $(num "$(result "$RUN_DIR/patch-c$CLIENTS_HI.txt" errors)")."
    echo "CPU per PATCH (1 / $CLIENTS_HI clients): app JVM $(num "$(result "$RUN_DIR/patch-c1.txt" app_cpu_ms_per_req)") / $(num "$(result "$RUN_DIR/patch-c$CLIENTS_HI.txt" app_cpu_ms_per_req)") ms" \
        "(of which its JIT compiler $(num "$(result "$RUN_DIR/patch-c1.txt" app_jit_cpu_ms_per_req)") / $(num "$(result "$RUN_DIR/patch-c$CLIENTS_HI.txt" app_jit_cpu_ms_per_req)") ms)," \
        "PostgreSQL $(num "$(result "$RUN_DIR/patch-c1.txt" pg_cpu_ms_per_req)") / $(num "$(result "$RUN_DIR/patch-c$CLIENTS_HI.txt" pg_cpu_ms_per_req)") ms;" \
        "PostgreSQL CPU per pgbench append: $(pgbench_cpu "$RUN_DIR/pgbench-c1.txt") / $(pgbench_cpu "$RUN_DIR/pgbench-c$CLIENTS_HI.txt") ms."
    echo "CPU per CRUD twin PATCH (1 / $CLIENTS_HI clients): app JVM $(num "$(result "$RUN_DIR/twin-c1.txt" app_cpu_ms_per_req)") / $(num "$(result "$RUN_DIR/twin-c$CLIENTS_HI.txt" app_cpu_ms_per_req)") ms" \
        "(of which its JIT compiler $(num "$(result "$RUN_DIR/twin-c1.txt" app_jit_cpu_ms_per_req)") / $(num "$(result "$RUN_DIR/twin-c$CLIENTS_HI.txt" app_jit_cpu_ms_per_req)") ms)," \
        "PostgreSQL $(num "$(result "$RUN_DIR/twin-c1.txt" pg_cpu_ms_per_req)") / $(num "$(result "$RUN_DIR/twin-c$CLIENTS_HI.txt" pg_cpu_ms_per_req)") ms."
    echo "Visibility: n=$VIS_N, max $(num "$(result "$RUN_DIR/visibility.txt" max_ms)") ms, timeouts $(num "$(result "$RUN_DIR/visibility.txt" timeouts)")," \
        "visible on the first GET $(num "$(result "$RUN_DIR/visibility.txt" visible_on_first_get)")/$VIS_N."
    echo "Reads: $([ $USE_WRK = 1 ] && echo 'wrk -t2 -c8' || echo 'Java loop, 8 clients'), RLS runs ${R[0]:-n/a} / ${R[3]:-n/a}, bypass runs ${R[1]:-n/a} / ${R[2]:-n/a} req/s.${READ_INFO:+ Note: $READ_INFO.} $CPU_NOTE.${READ_NOTE:+ WARNING: $READ_NOTE.}"
    fi
    echo "Orders (d): each client a new customer with its own product; place (Idempotency-Key), poll GET /api/v1/payments?orderId= every $ORDER_POLL_MS ms until the saga's payment is listed, POST …/mark-paid as staff, poll GET /api/v1/orders/{id} every $ORDER_POLL_MS ms until it reads paid ($ORDER_TIMEOUT_MS ms from placement, else a failure); with the live socket each customer subscribes to orders and payments on /api/v1/live and waits for the payment.created that names the order and for its order.paid instead of polling (polling runs first, the live socket after it on the same instance). App WARN/ERROR lines during (d): $ORD_WARN."
    ord_note "$ORD_F8" "$CLIENTS_HI" polling
    ord_note "$ORD_F1" 1 polling
    ord_note "$ORD_LIVE_F8" "$CLIENTS_HI" "live socket"
    ord_note "$ORD_LIVE_F1" 1 "live socket"
    echo "Load average (1/5/15 min) on this $(nproc)-CPU machine: $(IFS=';'; echo "${LOADS[*]}" | sed 's/;/; /g')."
    echo "Durations: ${JIT_WARMED:-0}s of PATCH load before (a), until the JIT settled; ${DURATION}s per figure after ${WARMUP}s (PATCH; orders at $CLIENTS_HI clients) / ${ORD_WARMUP_1}s (orders at 1 client, after the $CLIENTS_HI-client run) / ${READ_WARMUP}-$((3 * READ_WARMUP))s (GET, until stable) warm-up; total run $((SECONDS - STARTED)) s. Raw results: ${RUN_DIR#"$ROOT"/}/"
} >"$SUMMARY"
printf 'measure\tvalue\tbaseline\tratio\ttarget\n%s\t%s\t%s\t%s\t%s\n%s\t%s\t%s\t%s\t%s\n%s\t%s\t%s\t%s\t%s\n%s\t%s\t%s\t%s\t%s\n%s\t%s\t%s\t%s\t%s\n' \
    patch_rps_1 "$HTTP_1" "$PGB_1" "$RA1" ">=0.5" \
    patch_rps_$CLIENTS_HI "$HTTP_8" "$PGB_8" "$RA8" ">=0.5" \
    public_read_rps_rls "$READ_RLS" "$READ_BYPASS" "$RB" ">=0.9" \
    visibility_p50_ms "$VIS_P50" "" "" "" \
    visibility_p99_ms "$VIS_P99" "" "" "<=20" >"$RUN_DIR/results.tsv"
printf 'patch_vs_crud_twin_1\t%s\t%s\t%s\t\npatch_vs_crud_twin_%s\t%s\t%s\t%s\t>=0.8\n' \
    "$HTTP_1" "$TWIN_1" "$RE1" "$CLIENTS_HI" "$HTTP_8" "$TWIN_8" "$RE8" >>"$RUN_DIR/results.tsv"
for pair in "$CLIENTS_HI:$ORD_F8" "1:$ORD_F1" "live_$CLIENTS_HI:$ORD_LIVE_F8" "live_1:$ORD_LIVE_F1"; do
    printf 'orders_paid_per_s_%s\t%s\t\t\t\norders_paid_p50_ms_%s\t%s\t\t\t\norders_paid_p99_ms_%s\t%s\t\t\t\n' \
        "${pair%%:*}" "$(result "${pair#*:}" ops)" "${pair%%:*}" "$(result "${pair#*:}" latency_p50_ms)" \
        "${pair%%:*}" "$(result "${pair#*:}" latency_p99_ms)" >>"$RUN_DIR/results.tsv"
done

echo
cat "$SUMMARY"
log "done in $((SECONDS - STARTED)) s"
missing=0
if [ "$ORDERS_ONLY" = 0 ]; then
    for v in "$HTTP_1" "$HTTP_8" "$PGB_1" "$PGB_8" "$READ_RLS" "$READ_BYPASS" "$VIS_P99"; do [ -n "$v" ] || missing=1; done
fi
for v in "$ORD_8" "$ORD_1" "$ORD_LIVE_8" "$ORD_LIVE_1"; do [ -n "$v" ] || missing=1; done
[ $missing = 0 ] || exit 2
