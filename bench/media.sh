#!/usr/bin/env bash
# Images served per second: a cached variant from GET /api/v1/public/media/{id} against the same
# bytes as a static file served by the same JVM (see bench/README.md, "Media").
#
#   bash bench/media.sh [--quick]
#
# Runs the bench as a test of the app module (MediaServingBench, skipped by normal builds) on the
# test's embedded PostgreSQL and local storage; prints the table and keeps it in
# bench/results/media-<time>.md. Environment: BENCH_CLIENTS (8), BENCH_WARMUP (10), BENCH_DURATION (20).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLIENTS=${BENCH_CLIENTS:-8}
WARMUP=${BENCH_WARMUP:-10}
DURATION=${BENCH_DURATION:-20}
if [ "${1:-}" = "--quick" ]; then WARMUP=2; DURATION=5; fi
cd "$ROOT"
# -o: offline when the build has run once; drop it on a fresh machine.
./mvnw -o -B -ntp -q -pl app -am verify -DskipITs -Djacoco.skip=true \
    -Dtest=MediaServingBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.media=true -Dbench.clients="$CLIENTS" -Dbench.warmup="$WARMUP" -Dbench.seconds="$DURATION"
ls -t "$ROOT"/bench/results/media-*.md | head -1 | xargs cat
