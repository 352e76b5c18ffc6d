#!/usr/bin/env bash
# One bot: POST …/start to its /health/ready (what the supervisor reports as running+ready), and
# its idle RSS/PSS 10 s later. The first start trains the class-data archive and is reported apart.
# Median of N further starts (default 5).
# WABOTS_BOT_SPARES=1: with the pre-started spare (the product's default; off here otherwise, so the
# cold start is what is measured): each start waits until a spare is booted, then takes it; the
# first one too (on JDK 25 the first spare trains the archive), unless FIRST_NOW=1.
source "$(dirname "$0")/lib.sh"
N="${1:-5}"
with_orchestrator
t_ready=$(now_ms)
botport=$(free_port)
id=$(create_bot "{\"name\":\"Bench bot\",\"webhook_port\":$botport}")
wait_spare() {
  local f="$work/orch/data/run/bot-_spare.pid" sp i
  for i in $(seq 1 600); do
    if [ -f "$f" ]; then
      sp=$(json 'd["port"]' < "$f")
      curl -s "http://127.0.0.1:$sp/health/ready" | grep -q "pre-started spare" && return 0
    fi
    sleep 0.2
  done
  echo "no pre-started spare within 120 s" >&2; exit 1
}
start_once() {
  local t0 pid
  t0=$(now_ms)
  curl -sf -X POST "$BASE/admin/whatsapp/instances/$id/start" -H "$AUTH" > /dev/null
  until curl -sf "http://127.0.0.1:$botport/health/ready" > /dev/null 2>&1; do sleep 0.05; done
  echo $(( $(now_ms) - t0 ))
}
if [ "${WABOTS_BOT_SPARES:-0}" = 1 ] && [ -z "${FIRST_NOW:-}" ]; then
  # On a fresh installation (JDK 25) the first spare trains the archive: how long after the
  # orchestrator is ready a first start can be a hand-over. FIRST_NOW=1 starts at once instead.
  wait_spare
  echo "first spare ready $(( $(now_ms) - t_ready )) ms after the orchestrator (training: $(curl -sf "$BASE/admin/whatsapp/spare" -H "$AUTH" | json 'd["trains"]'))"
fi
first=$(start_once)
curl -sf -X POST "$BASE/admin/whatsapp/instances/$id/stop" -H "$AUTH" > /dev/null
echo "first start (trains the class-data archive): $first ms"
starts=(); rsss=(); psss=()
for i in $(seq 1 "$N"); do
  if [ "${WABOTS_BOT_SPARES:-0}" = 1 ]; then wait_spare; fi
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
