#!/usr/bin/env bash
# Inbound messages per second through the signed webhook path, end to end: a WhatsApp delivery
# signed with the channel's app secret until the message is visible in its conversation
# (see bench/README.md, "Conversations").
#
#   bash bench/conversations.sh [--quick]
#
# Runs the bench as a test of the app module (ConversationInboundBench, skipped by normal builds)
# on the test's embedded PostgreSQL; prints the table and keeps it in
# bench/results/conversations-<time>.md. Environment: BENCH_CLIENTS (8), BENCH_WARMUP (10),
# BENCH_DURATION (20).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLIENTS=${BENCH_CLIENTS:-8}
WARMUP=${BENCH_WARMUP:-10}
DURATION=${BENCH_DURATION:-20}
if [ "${1:-}" = "--quick" ]; then WARMUP=2; DURATION=5; fi
cd "$ROOT"
# -o: offline when the build has run once; drop it on a fresh machine.
./mvnw -o -B -ntp -q -pl app -am verify -DskipITs -Djacoco.skip=true \
    -Dtest=ConversationInboundBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.conversations=true -Dbench.clients="$CLIENTS" -Dbench.warmup="$WARMUP" -Dbench.seconds="$DURATION"
ls -t "$ROOT"/bench/results/conversations-*.md | head -1 | xargs cat
