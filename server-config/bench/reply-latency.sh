#!/usr/bin/env bash
# Webhook → first reply at the sandbox, p50/p99, for a funnel step (greeting → welcome buttons):
# N greetings from distinct users (default 200) at R per second (default 10), after W uncounted
# warm-up greetings (default 100).
source "$(dirname "$0")/lib.sh"
N="${1:-200}"; R="${2:-10}"; W="${3:-100}"
with_orchestrator
botport=$(free_port)
id=$(create_bot "{\"name\":\"Latency bot\",\"webhook_port\":$botport,\"app_secret\":\"0123456789abcdef0123456789abcdef\",\"phone_number_id\":\"106540352242922\",\"access_token\":\"EAAG-latency\"}")
train_archive "$BASE" "$AUTH" "$id" "$botport"
start_bot "$BASE" "$AUTH" "$id" "$botport"
cd "$ROOT/server-config"
mvn -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test > /dev/null
java -cp "target/test-classes:$(cat "$work/cp.txt")" dev.wabots.bench.ReplyLatency "$BASE" "$TOKEN" "$id" "$botport" \
  0123456789abcdef0123456789abcdef 106540352242922 "$N" "$R" "$W"
