#!/usr/bin/env bash
# Event-delivery lag, bot -> orchestrator: five sandbox bots, signed greetings from distinct
# customers at a total rate (default 100/s for 60 s, spread over the bots); every message is
# answered (the welcome screen), so each produces a message-in, a funnel step and a message-out
# event. Prints the orchestrator's lag figures (bot transaction -> stored in the orchestrator)
# after the events have drained, and the conversations and messages stored.
# Usage: server-config/bench/event-lag.sh [rate] [seconds] [bots]
source "$(dirname "$0")/lib.sh"
rate="${1:-100}"; seconds="${2:-60}"; nbots="${3:-5}"
with_orchestrator
secret=0123456789abcdef0123456789abcdef
targets=()
for i in $(seq 1 "$nbots"); do
  p=$(free_port); pn="10654035224${i}000"
  id=$(create_bot "{\"name\":\"Lag bot $i\",\"webhook_port\":$p,\"app_secret\":\"$secret\",\"phone_number_id\":\"$pn\",\"access_token\":\"EAAG-bench-lag-token-000$i\",\"verify_token\":\"lag-verify\"}")
  [ "$i" = 1 ] && train_archive "$BASE" "$AUTH" "$id" "$p"
  start_bot "$BASE" "$AUTH" "$id" "$p"
  targets+=("$p:$secret:$pn")
done
cd "$ROOT/server-config"
mvn -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test > /dev/null
CP="target/test-classes:$(cat "$work/cp.txt")"
java -cp "$CP" dev.wabots.bench.EventLagLoad 20 10 "${targets[@]}" > /dev/null   # warm-up: C2 compiles the paths
sleep 5
curl -sf "$BASE/admin/conversations/delivery-lag?reset=true" -H "$AUTH" > /dev/null
java -cp "$CP" dev.wabots.bench.EventLagLoad "$rate" "$seconds" "${targets[@]}"
expected=$(( rate * seconds * 3 )); last=-1
for _ in $(seq 1 120); do   # until the count stops growing (every event stored)
  n=$(curl -sf "$BASE/admin/conversations/delivery-lag" -H "$AUTH" | json 'd["count"]')
  [ "$n" = "$last" ] && [ "$n" -ge "$expected" ] && break
  last=$n; sleep 1
done
echo "event delivery lag (ms), at least $expected events expected:"
curl -sf "$BASE/admin/conversations/delivery-lag" -H "$AUTH" | json '" ".join(f"{k}={v}" for k, v in d.items())'
echo "conversations stored: $(curl -sf "$BASE/admin/conversations?size=1" -H "$AUTH" | json 'd["total"]')"
