#!/usr/bin/env bash
# One bot: POST …/start to its /health/ready (what the supervisor reports as running+ready), and
# its idle RSS/PSS 10 s later. The first start trains the class-data archive and is reported apart.
# Median of N further starts (default 5).
source "$(dirname "$0")/lib.sh"
N="${1:-5}"
with_orchestrator
botport=$(free_port)
id=$(create_bot "{\"name\":\"Bench bot\",\"webhook_port\":$botport}")
start_once() {
  local t0 pid
  t0=$(now_ms)
  curl -sf -X POST "$BASE/admin/whatsapp/instances/$id/start" -H "$AUTH" > /dev/null
  until curl -sf "http://127.0.0.1:$botport/health/ready" > /dev/null 2>&1; do sleep 0.05; done
  echo $(( $(now_ms) - t0 ))
}
first=$(start_once)
curl -sf -X POST "$BASE/admin/whatsapp/instances/$id/stop" -H "$AUTH" > /dev/null
echo "first start (trains the class-data archive): $first ms"
starts=(); rsss=(); psss=()
for i in $(seq 1 "$N"); do
  ms=$(start_once)
  sleep 10
  pid=$(curl -sf "$BASE/admin/whatsapp/instances/$id/status" -H "$AUTH" | json 'd["pid"]')
  rss=$(rss_mb "$pid"); pss=$(pss_mb "$pid")
  echo "run $i: ready after $ms ms, idle RSS $rss MB, PSS $pss MB"
  starts+=("$ms"); rsss+=("$rss"); psss+=("$pss")
  curl -sf -X POST "$BASE/admin/whatsapp/instances/$id/stop" -H "$AUTH" > /dev/null
done
echo "bot start to ready: median $(printf '%s\n' "${starts[@]}" | median) ms (runs: ${starts[*]})"
echo "bot idle RSS:       median $(printf '%s\n' "${rsss[@]}" | median) MB (runs: ${rsss[*]})"
echo "bot idle PSS:       median $(printf '%s\n' "${psss[@]}" | median) MB (runs: ${psss[*]})"
