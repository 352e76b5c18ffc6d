#!/usr/bin/env bash
# Event-delivery lag, bot -> orchestrator: five sandbox bots, signed greetings from distinct
# customers at a total rate (default 100/s for 60 s, spread over the bots); every message is
# answered (the welcome screen), so each produces a message-in, a funnel step and a message-out
# event. Prints the orchestrator's lag figures (bot transaction -> stored in the orchestrator)
# after the events have drained, and the conversations and messages stored.
# GRAPH=sandbox (default): the bots are sandbox bots, the orchestrator also plays Meta (validates
# every send against Meta's schema, stores it, delivers the statuses). GRAPH=standin: the bots are
# in live mode against a Graph stand-in in its own JVM (GraphStandIn), as in production, where
# Meta does that work elsewhere.
# SINK=1: the floor under the lag. An event sink (EventSink) stands between the bots and the
# orchestrator and acknowledges every event batch at once, recording each event's lag; all other
# requests go on to the orchestrator. The lag left is the bots' part (outbox, request) on this
# machine, without the orchestrator's storing; the figures are the sink's.
# Usage: [GRAPH=sandbox|standin] [WARMUP=rate:seconds] [SINK=1] server-config/bench/event-lag.sh [rate] [seconds] [bots]
source "$(dirname "$0")/lib.sh"
rate="${1:-100}"; seconds="${2:-60}"; nbots="${3:-5}"; graph="${GRAPH:-sandbox}"
secret=0123456789abcdef0123456789abcdef
side="$(mktemp -d)"
(cd "$ROOT/server-config" && mvn -q -o dependency:build-classpath -Dmdep.outputFile="$side/cp.txt" -Dmdep.includeScope=test > /dev/null)
CP="$ROOT/server-config/target/test-classes:$(cat "$side/cp.txt")"
ports=(); pnids=(); routes=()
for i in $(seq 1 "$nbots"); do
  ports+=("$(free_port)"); pnids+=("10654035224${i}000"); routes+=("10654035224${i}000:${ports[-1]}:$secret")
done
trap 'kill ${gpid:-} 2>/dev/null || true; rm -rf "$side"' EXIT
# helper NAME READY-LINE CLASS ARGS...: a bench server in its own JVM (output in $side/NAME.out),
# waited for until it prints READY-LINE; its pid in $helper_pid.
helper() {
  local name="$1" ready="$2"; shift 2
  java -cp "$CP" "$@" > "$side/$name.out" 2>&1 &
  helper_pid=$!
  until grep -q "$ready" "$side/$name.out" 2>/dev/null; do
    kill -0 "$helper_pid" 2>/dev/null || { cat "$side/$name.out"; exit 1; }
    sleep 0.1
  done
}
if [ "$graph" = standin ]; then
  gport=$(free_port)
  helper graph "stand-in ready" dev.wabots.bench.GraphStandIn "$gport" "${routes[@]}"
  gpid=$helper_pid
  export WABOTS_GRAPH_LIVE_BASE="http://127.0.0.1:$gport"
fi
if [ -n "${SINK:-}" ]; then
  sinkport=$(free_port)
  export WABOTS_BOT_ORCHESTRATOR_URL="http://127.0.0.1:$sinkport"
fi
with_orchestrator
trap 'kill ${gpid:-} ${spid:-} 2>/dev/null || true; stop_orchestrator "$work/orch"; [ -n "${KEEP:-}" ] || rm -rf "$work" "$side"' EXIT
if [ -n "${SINK:-}" ]; then
  helper sink "event sink ready" dev.wabots.bench.EventSink "$sinkport" "$BASE"
  spid=$helper_pid
fi
lag_figures() {
  if [ -n "${SINK:-}" ]; then curl -sf "http://127.0.0.1:$sinkport/sink/figures$1"
  else curl -sf "$BASE/admin/conversations/delivery-lag$1" -H "$AUTH"; fi
}
targets=()
for i in $(seq 1 "$nbots"); do
  p=${ports[$((i-1))]}; pn=${pnids[$((i-1))]}
  id=$(create_bot "{\"name\":\"Lag bot $i\",\"webhook_port\":$p,\"app_secret\":\"$secret\",\"phone_number_id\":\"$pn\",\"access_token\":\"EAAG-bench-lag-token-000$i\",\"verify_token\":\"lag-verify\"}")
  if [ "$graph" = standin ]; then   # a live bot needs a real business profile first
    curl -sf -X PUT "$BASE/admin/whatsapp/instances/$id/profile" -H "$AUTH" -H 'Content-Type: application/json' \
      -d '{"contact_phone":"+7 912 345-67-89","contact_email":"sales@bench.example.ru","contact_messenger":"https://t.me/bench","yoomoney_receiver":"4100116075156746","yoomoney_secret":"bench-wallet-secret"}' > /dev/null
    curl -sf -X PUT "$BASE/admin/whatsapp/instances/$id" -H "$AUTH" -H 'Content-Type: application/json' \
      -d "{\"mode\":\"live\",\"phone_number_id\":\"$pn\",\"access_token\":\"EAAG-bench-lag-token-000$i\",\"app_secret\":\"$secret\",\"verify_token\":\"lag-verify\"}" > /dev/null
  fi
  [ "$i" = 1 ] && train_archive "$BASE" "$AUTH" "$id" "$p"
  start_bot "$BASE" "$AUTH" "$id" "$p"
  targets+=("$p:$secret:$pn")
done
# Warm-up (WARMUP=rate:seconds, default 20:10): C2 compiles the paths. A short one measures bots
# still compiling (each bot's JIT works through the same code); a long one the steady state.
warmup="${WARMUP:-20:10}"
# The figures' own request (a GET with a query) before the warm-up, not only after it: its first
# call loads classes of the orchestrator's request path (Jersey's query parameter map), and the JIT
# then discarded the request path's optimised code that assumed they were absent — measured: ~46
# methods made not entrant at once and ~600 recompilations at the start of the measured minute
# (the orchestrator's JIT in that minute stayed ~3 s without them: BENCHMARKS.md, seventh follow-up).
lag_figures "?reset=true" > /dev/null
java -cp "$CP" dev.wabots.bench.EventLagLoad "${warmup%%:*}" "${warmup##*:}" "${targets[@]}" > /dev/null
sleep 5
lag_figures "?reset=true" > /dev/null
opid=$(cat "$work/orch/orchestrator.pid")
bpids=($(for p in $(pgrep -f "$work/orch/data"); do grep -qa bot-app.war "/proc/$p/cmdline" && echo "$p"; done))
sink0=$(cpu_ms ${spid:-}); orch0=$(cpu_ms "$opid"); bots0=$(cpu_ms "${bpids[@]}"); ojit0=$(jit_ms "$opid"); bjit0=$(jit_ms "${bpids[@]}"); t0=$(now_ms)
java -cp "$CP" dev.wabots.bench.EventLagLoad "$rate" "$seconds" "${targets[@]}"
expected=$(( rate * seconds * 3 )); last=-1
for _ in $(seq 1 120); do   # until the count stops growing (every event stored)
  n=$(lag_figures "" | json 'd["count"]')
  [ "$n" = "$last" ] && [ "$n" -ge "$expected" ] && break
  last=$n; sleep 1
done
sink1=$(cpu_ms ${spid:-}); orch1=$(cpu_ms "$opid"); bots1=$(cpu_ms "${bpids[@]}"); ojit1=$(jit_ms "$opid"); bjit1=$(jit_ms "${bpids[@]}"); t1=$(now_ms)
echo "event delivery lag (ms), at least $expected events expected:"
lag_figures "" | json '" ".join(f"{k}={v}" for k, v in d.items())'
[ -z "${SINK:-}" ] || echo "(acknowledged by the event sink, nothing stored; its CPU: $(( sink1 - sink0 )) ms)"
echo "from the load's start until every event was stored ($(( (t1 - t0) / 1000 )) s): orchestrator CPU $(( orch1 - orch0 )) ms" \
  "($(awk -v c=$(( orch1 - orch0 )) -v n=$(( rate * seconds * 3 )) 'BEGIN {printf "%.2f", c / n}') ms per event)," \
  "${#bpids[@]} bots $(( bots1 - bots0 )) ms ($(awk -v c=$(( bots1 - bots0 )) -v n=$(( rate * seconds )) 'BEGIN {printf "%.2f", c / n}') ms per greeting);" \
  "of which JIT compilers: orchestrator $(( ojit1 - ojit0 )) ms, bots $(( bjit1 - bjit0 )) ms (warm-up $warmup)"
echo "conversations stored: $(curl -sf "$BASE/admin/conversations?size=1" -H "$AUTH" | json 'd["total"]')"
