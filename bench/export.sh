#!/usr/bin/env bash
# A full export of one tenant's history: events/s and MB/s from POST /api/v1/audit/exports to
# ready, next to reading the same events alone through the same cursor (see bench/README.md,
# "Exports").
#
#   bash bench/export.sh [EVENTS]    (default 100000; e.g. 5000 for a smoke test)
#
# Runs the bench as a test of the app module (ExportBench, skipped by normal builds) on the test's
# embedded PostgreSQL and local storage; prints the table and keeps it in
# bench/results/export-<time>.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
EVENTS="${1:-100000}"
cd "$ROOT"
# -o: offline when the build has run once; drop it on a fresh machine.
./mvnw -o -B -ntp -q -pl app -am verify -DskipITs -Djacoco.skip=true \
    -Dtest=ExportBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.export=true -Dbench.events="$EVENTS"
ls -t "$ROOT"/bench/results/export-*.md | head -1 | xargs cat
