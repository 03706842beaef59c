#!/usr/bin/env bash
# Mails handed to GreenMail per second: the whole outbox path against plain SMTP from the same JVM.
# Usage: bash bench/mail.sh [MAILS]   (default 500). The table is printed and kept in
# app/target/mail-bench.md.
set -euo pipefail
cd "$(dirname "$0")/.."
MAILS="${1:-500}"
./mvnw -B -ntp -q -pl app -am verify -DskipITs \
  -Dtest=MailThroughputBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.mails="$MAILS" -Djacoco.skip=true
cat app/target/mail-bench.md
