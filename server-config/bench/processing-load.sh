#!/usr/bin/env bash
# One bot under load with every message processed end to end (issue 18): 20 000 senders walking the
# funnel (greeting, button and list taps, free text for the AI), Meta and the model played by the
# harness's JVM (ProcessingLoad: a Graph API stand-in that delivers statuses, a model answering in
# MODEL_DELAY_MS, default 20), the bot in live mode against the stand-in with the pacer at Meta's
# highest tier (WABOTS_GRAPH_MESSAGES_PER_SECOND, default 1000). Per phase: achieved rate, ack
# p50/p99/max, answered per second, backlog and drain time, CPU per processed message of the bot and
# the orchestrator, bot RSS, bot log growth, the bytes the bot wrote to storage per processed message;
# at the end: lost / doubled / states. Beside each phase's webhooks a probe (GET /health/live, 50/s on
# connections of its own) measures what the machine's load alone does to a request the bot answers
# without its store or any work: the floor under the ack figures. The generator's own lateness (due
# time to first byte sent) and the ack counted from the first byte sent are printed too. With
# BENCH_DUMP=<folder>, one line per webhook (due time in epoch ms, lateness and ack in µs) per phase.
# Usage: server-config/bench/processing-load.sh [rate:seconds …]   (default: 100:30 500:60 1000:60)
source "$(dirname "$0")/lib.sh"
phases=("$@"); [ ${#phases[@]} -gt 0 ] || phases=(100:30 500:60 1000:60)
cd "$ROOT/server-config"
side="$(mktemp -d)"
mvn -q -o dependency:build-classpath -Dmdep.outputFile="$side/cp.txt" -Dmdep.includeScope=test > /dev/null
model=$(free_port); graph=$(free_port); botport=$(free_port)
secret=0123456789abcdef0123456789abcdef; pnid=106540352277777
mkfifo "$side/ctl"
java ${BENCH_GENERATOR_OPTIONS:-} -cp "target/test-classes:$(cat "$side/cp.txt")" dev.wabots.bench.ProcessingLoad \
  "$model" "$graph" "${MODEL_DELAY_MS:-20}" "$botport" "$secret" "$pnid" < "$side/ctl" > "$side/load.out" 2>&1 &
loadpid=$!
exec 3> "$side/ctl"
until grep -q "stand-ins ready" "$side/load.out" 2>/dev/null; do
  kill -0 "$loadpid" 2>/dev/null || { cat "$side/load.out"; exit 1; }
  sleep 0.1
done
export WABOTS_LLM_VLLM_BASE_URL="http://127.0.0.1:$model" WABOTS_LLM_VLLM_MODEL=bench-model
export WABOTS_GRAPH_LIVE_BASE="http://127.0.0.1:$graph"
export WABOTS_GRAPH_MESSAGES_PER_SECOND="${WABOTS_GRAPH_MESSAGES_PER_SECOND:-1000}"
with_orchestrator
trap 'kill $loadpid 2>/dev/null || true; stop_orchestrator "$work/orch"; kill ${bpid:-} ${opid:-} 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work" "$side"' EXIT
id=$(create_bot "{\"name\":\"Busy bot\",\"webhook_port\":$botport,\"app_secret\":\"$secret\",\"llm_backend\":\"vllm\",\"rate_limit_count\":100,\"rate_limit_hours\":1,\"tts_enabled\":false}")
curl -sf -X PUT "$BASE/admin/whatsapp/instances/$id/profile" -H "$AUTH" -H 'Content-Type: application/json' \
  -d '{"contact_phone":"+7 912 345-67-89","contact_email":"sales@bench.example.ru","contact_messenger":"https://t.me/bench","yoomoney_receiver":"4100116075156746","yoomoney_secret":"bench-wallet-secret"}' > /dev/null
curl -sf -X PUT "$BASE/admin/whatsapp/instances/$id" -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"mode\":\"live\",\"phone_number_id\":\"$pnid\",\"access_token\":\"EAAG-bench-token-0001\",\"app_secret\":\"$secret\",\"verify_token\":\"bench-verify\"}" > /dev/null
train_archive "$BASE" "$AUTH" "$id" "$botport"
start_bot "$BASE" "$AUTH" "$id" "$botport"
await_archive "$work/orch/logs/orchestrator.log"
bpid=$(curl -sf "$BASE/admin/whatsapp/instances/$id/status" -H "$AUTH" | json 'd["pid"]')
opid=$(cat "$work/orch/orchestrator.pid")
# The collector's work over the whole run (jstat of the bot's own JDK): young and full collections, seconds.
gc() { "$(dirname "$(readlink -f /proc/$bpid/exe)")/jstat" -gc "$bpid" | awk 'NR==2 {printf "young %d (%.2f s), full %d (%.2f s)", $(NF-6), $(NF-5), $(NF-4), $(NF-3)}'; }
echo "bot GC before the load: $(gc)"
echo "bot $id pid $bpid (RSS $(rss_mb "$bpid") MB), orchestrator pid $opid; phases ${phases[*]}"
echo "go $work/orch/data/wa_sales_$id.db $bpid $opid $work/orch/logs/whatsapp_bot_$id.log ${phases[*]}" >&3
tail -n +2 -f "$side/load.out" --pid "$loadpid"
echo "bot GC after the load: $(gc)"
echo "bot after the load: RSS $(rss_mb "$bpid") MB; log $(du -h "$work/orch/logs/whatsapp_bot_$id.log" | cut -f1)"
