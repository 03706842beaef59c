#!/usr/bin/env bash
# Outbound webhook messages delivered per second to a local stub receiver, while another tenant's
# endpoint never answers, next to plain POSTs from one client in the same JVM.
# Usage: bash bench/webhooks.sh [MESSAGES]   (default 300). The table is printed and kept in
# app/target/webhook-bench.md.
set -euo pipefail
cd "$(dirname "$0")/.."
MESSAGES="${1:-300}"
./mvnw -B -ntp -q -pl app -am verify -DskipITs \
  -Dtest=WebhookDeliveryBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.messages="$MESSAGES" -Djacoco.skip=true
cat app/target/webhook-bench.md
