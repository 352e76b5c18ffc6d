#!/usr/bin/env bash
# A fleet: B bots (default 20) started together through the API; time until every one is ready,
# total RSS and PSS when idle, the time ./wabots stop-all takes, and the auto-start of all of them
# by the next orchestrator (as after a reboot). Also what fits in the RAM.
source "$(dirname "$0")/lib.sh"
B="${1:-20}"
with_orchestrator
ids=(); ports=()
for i in $(seq 1 "$B"); do
  p=$(free_port)
  ids+=("$(create_bot "{\"name\":\"Fleet bot $i\",\"webhook_port\":$p}")")
  ports+=("$p")
done
# Train the class-data archive once, as an operator's first start would.
train_archive "$BASE" "$AUTH" "${ids[0]}" "${ports[0]}"
t0=$(now_ms)
starters=()
for id in "${ids[@]}"; do
  curl -sf -X POST "$BASE/admin/whatsapp/instances/$id/start" -H "$AUTH" > /dev/null &
  starters+=($!)
done
wait "${starters[@]}" # not a bare wait: the orchestrator is a background child too
for p in "${ports[@]}"; do
  until curl -sf "http://127.0.0.1:$p/health/ready" > /dev/null 2>&1; do sleep 0.2; done
done
all_ready=$(( $(now_ms) - t0 ))
# SETTLE (default 15 s): how long the fleet idles after the last bot is ready before its memory is
# read; a bot's request threads end 20 s after their last request (bot-pre-boot.asadmin).
sleep "${SETTLE:-15}"
bot_pids() { local id; for id in "${ids[@]}"; do curl -sf "$BASE/admin/whatsapp/instances/$id/status" -H "$AUTH" | json 'd["pid"]'; done; }
# fleet_memory: "RSS PSS" of all bots together, in MB.
fleet_memory() {
  local pid r=0 q=0
  for pid in $(bot_pids); do r=$(( r + $(rss_mb "$pid") )); q=$(( q + $(pss_mb "$pid") )); done
  echo "$r $q"
}
read -r rss pss < <(fleet_memory)
# GC_AFTER=1: then one full collection in every bot (jcmd GC.run: the serial collector gives back
# heap above MaxHeapFreeRatio only at a full collection, and an idle bot has none), the native heap
# trim's interval (10 s) later, and PSS again.
gc_pss=""
if [ -n "${GC_AFTER:-}" ]; then
  for pid in $(bot_pids); do "$(dirname "$(readlink -f "/proc/$pid/exe")")/jcmd" "$pid" GC.run > /dev/null; done
  sleep 12
  read -r grss gpss < <(fleet_memory)
  gc_pss="; after a full GC in each: RSS $grss MB ($(( grss / B )) MB/bot), PSS $gpss MB ($(( gpss / B )) MB/bot)"
fi
# KSM=1 (root): then the kernel's same-page merging, which bots offer their memory to
# (MemoryMerging): KSM runs at 1 000 pages per 20 ms until it has scanned everything three times,
# then PSS again, then ksmd's CPU over 60 s at the kernel's default pace (100 pages per 20 ms);
# the machine's KSM settings are put back at the end (unmerging, if it was off).
ksm_pss=""
if [ -n "${KSM:-}" ]; then
  K=/sys/kernel/mm/ksm
  ksm_was=$(cat $K/run); pages_was=$(cat $K/pages_to_scan); sleep_was=$(cat $K/sleep_millisecs)
  trap 'echo "$pages_was" > $K/pages_to_scan; echo "$sleep_was" > $K/sleep_millisecs; [ "$ksm_was" = 1 ] || { echo 2 > $K/run; echo "$ksm_was" > $K/run; }; stop_orchestrator "$work/orch"; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
  kpid=$(pgrep -x ksmd); kc0=$(cpu_ms "$kpid"); kt0=$(now_ms); scans0=$(cat $K/full_scans)
  echo 1000 > $K/pages_to_scan; echo 20 > $K/sleep_millisecs; echo 1 > $K/run
  while [ $(( $(cat $K/full_scans) - scans0 )) -lt 3 ]; do sleep 1; done
  merged_in=$(( $(now_ms) - kt0 )); merged_cpu=$(( $(cpu_ms "$kpid") - kc0 ))
  read -r krss kpss < <(fleet_memory)
  echo 100 > $K/pages_to_scan; kc1=$(cpu_ms "$kpid"); sleep 60; idle_cpu=$(( $(cpu_ms "$kpid") - kc1 ))
  read -r krss2 kpss2 < <(fleet_memory)
  ksm_pss="; with KSM (3 scans in $merged_in ms, ksmd $merged_cpu ms of CPU; $(( $(cat $K/pages_sharing) * 4 / 1024 )) MB saved): PSS $kpss MB ($(( kpss / B )) MB/bot), a minute later $kpss2 MB ($(( kpss2 / B )) MB/bot) with ksmd at $idle_cpu ms of CPU per minute"
fi
# As after a reboot: the orchestrator goes down (the bots keep running), ./wabots stop-all stops
# them, and the next orchestrator auto-starts every bot (auto_start is still set), a few at a time.
ORCH_PID="$(cat "$work/orch/orchestrator.pid")"
kill "$ORCH_PID"; for _ in $(seq 1 600); do kill -0 "$ORCH_PID" 2>/dev/null || break; sleep 0.1; done
t1=$(now_ms)
WABOTS_DATA="$work/orch/data" "$ROOT/wabots" stop-all > /dev/null
stop_all=$(( $(now_ms) - t1 ))
orch_ready=$(start_orchestrator "$work/orch" "$port")
ORCH_PID="$(cat "$work/orch/orchestrator.pid")" # started in a subshell: the trap stops this one
t2=$(now_ms)
for p in "${ports[@]}"; do
  until curl -sf "http://127.0.0.1:$p/health/ready" > /dev/null 2>&1; do sleep 0.2; done
done
auto_ready=$(( $(now_ms) - t2 ))
total_mb=$(awk '/MemTotal/ {printf "%.0f", $2/1024}' /proc/meminfo)
echo "fleet of $B: all ready $all_ready ms after the starts; idle RSS total $rss MB ($(( rss / B )) MB/bot), PSS total $pss MB ($(( pss / B )) MB/bot)$gc_pss; stop-all $stop_all ms"
[ -z "$ksm_pss" ] || echo "memory merging:${ksm_pss#;}"
echo "after a restart: orchestrator ready in $orch_ready ms, then its auto-start had all $B bots ready in $auto_ready ms"
echo "bots that fit in $total_mb MB (leaving 2 GB for the OS and the orchestrator), by PSS: $(( (total_mb - 2048) * B / pss ))"
[ -z "$ksm_pss" ] || echo "with KSM, by PSS: $(( (total_mb - 2048) * B / kpss2 ))"
