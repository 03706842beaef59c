#!/usr/bin/env bash
# Events → automation action latency: N contacts created over HTTP, a rule tagging each new contact;
# p50/p99 from the contact.created event's timestamp to the step's completion (see bench/README.md,
# "Automations").
#
#   bash bench/automations.sh [CONTACTS]      (default 200)
#
# Runs the bench as a test of the app module (AutomationLatencyBench, skipped by normal builds) on
# the test's embedded PostgreSQL; prints the table and keeps it in
# bench/results/automations-<time>.md. Environment: BENCH_CLIENTS (4).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONTACTS="${1:-200}"
CLIENTS=${BENCH_CLIENTS:-4}
cd "$ROOT"
# -o: offline when the build has run once; drop it on a fresh machine.
./mvnw -o -B -ntp -q -pl app -am verify -DskipITs -Djacoco.skip=true \
    -Dtest=AutomationLatencyBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.automations=true -Dbench.contacts="$CONTACTS" -Dbench.clients="$CLIENTS"
ls -t "$ROOT"/bench/results/automations-*.md | head -1 | xargs cat
