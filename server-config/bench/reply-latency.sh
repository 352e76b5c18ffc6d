#!/usr/bin/env bash
# Webhook → first reply at the sandbox, p50/p99, for a funnel step (greeting → welcome buttons):
# N greetings from distinct users (default 200) at R per second (default 10), after W uncounted
# warm-up greetings (default 100).
source "$(dirname "$0")/lib.sh"
N="${1:-200}"; R="${2:-10}"; W="${3:-100}"
work="$(mktemp -d)"; trap 'stop_orchestrator "$work/orch"; rm -rf "$work"' EXIT
port=$(free_port)
start_orchestrator "$work/orch" "$port" > /dev/null
BASE="http://127.0.0.1:$port"
TOKEN="$(login "$BASE")"
AUTH="Authorization: Bearer $TOKEN"
botport=$(free_port)
id=$(curl -sf -X POST "$BASE/admin/whatsapp/instances" -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Latency bot\",\"webhook_port\":$botport,\"app_secret\":\"0123456789abcdef0123456789abcdef\",\"phone_number_id\":\"106540352242922\",\"access_token\":\"EAAG-latency\"}" \
  | json 'd["instance"]["id"]')
train_archive "$BASE" "$AUTH" "$id" "$botport"
start_bot "$BASE" "$AUTH" "$id" "$botport"
cd "$ROOT/server-config"
mvn -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test > /dev/null
java -cp "target/test-classes:$(cat "$work/cp.txt")" dev.wabots.bench.ReplyLatency "$BASE" "$TOKEN" "$id" "$botport" \
  0123456789abcdef0123456789abcdef 106540352242922 "$N" "$R" "$W"
