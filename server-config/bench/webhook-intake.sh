#!/usr/bin/env bash
# Webhook intake of one bot under load: signed Cloud API POSTs at 100, 500 and 1000 per second
# (1000/s sustained for 60 s), then saturation; p50/p99 time to 200; then every acknowledged
# message is checked in the bot's database (stored once, none lost). The senders are on the bot's
# blocked list, so processing stays trivial and the figures are the intake's own.
# Usage: server-config/bench/webhook-intake.sh [phases…] (default: 100:20 500:20 1000:60 sat:20)
source "$(dirname "$0")/lib.sh"
phases=("$@"); [ ${#phases[@]} -gt 0 ] || phases=(100:20 500:20 1000:60 sat:20)
with_orchestrator
botport=$(free_port)
blocked=$(python3 -c 'import json; print(json.dumps([str(79990000000+i) for i in range(1000)]))')
id=$(create_bot "{\"name\":\"Load bot\",\"webhook_port\":$botport,\"app_secret\":\"0123456789abcdef0123456789abcdef\",\"phone_number_id\":\"106540352242922\",\"blocked_phones\":$blocked}")
train_archive "$BASE" "$AUTH" "$id" "$botport"
start_bot "$BASE" "$AUTH" "$id" "$botport"
cd "$ROOT/server-config"
mvn -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test > /dev/null
java ${BENCH_GENERATOR_OPTIONS:-} -cp "target/test-classes:$(cat "$work/cp.txt")" dev.wabots.bench.WebhookLoad "$botport" \
  0123456789abcdef0123456789abcdef 106540352242922 "$work/orch/data/wa_sales_$id.db" "${phases[@]}"
bpid=$(curl -sf "$BASE/admin/whatsapp/instances/$id/status" -H "$AUTH" | json 'd["pid"]')
echo "bot after the load: RSS $(rss_mb "$bpid") MB; $(curl -sf "$BASE/admin/whatsapp/instances/$id/status" -H "$AUTH" | json '"c2_compiler " + str(d["bot"]["c2_compiler"])')"
