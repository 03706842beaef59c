#!/usr/bin/env bash
# Outbound webhook messages delivered per second to a local stub receiver, while another tenant's
# endpoint never answers in the same run, next to plain POSTs from one client in the same JVM
# (see bench/README.md, "Outbound webhooks").
#
#   bash bench/webhooks.sh [MESSAGES]   (default 300)
#
# Runs WebhookDeliveryBench (an app test class the build never runs by itself) on the test's
# embedded PostgreSQL; prints the table and keeps it in bench/results/webhooks-<time>.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MESSAGES="${1:-300}"
cd "$ROOT"
# -o: offline when the build has run once; drop it on a fresh machine.
./mvnw -o -B -ntp -q -pl app -am verify -DskipITs -Djacoco.skip=true \
  -Dtest=WebhookDeliveryBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.messages="$MESSAGES"
ls -t "$ROOT"/bench/results/webhooks-*.md | head -1 | xargs cat
