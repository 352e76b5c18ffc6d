#!/usr/bin/env bash
# The orchestrator's start as `./wabots run` does it, both ways it can (issue 18 follow-up):
#   jar  — JAVA=java: the launcher's Java 17, `java -jar payara-micro.jar` (how it ran before)
#   aot  — the default on a machine with a JDK 25: Payara's launcher class path + AOT cache
# For each way: a fresh data folder, its first start (for aot: the one that records the cache,
# which another JVM then creates), then N more starts (default 3). Reported per start: start of
# ./wabots run → /health/ready and the panel answering, the orchestrator's CPU until then, its
# RSS and PSS 5 s after, and how long its stop took. No bots, no spare: the orchestrator alone.
# Usage: server-config/bench/orchestrator-start.sh [N=3]   (MODES=aot: one way only; KEEP=1 keeps the folders)
source "$(dirname "$0")/lib.sh"
N="${1:-3}"
[ -f "$RUNTIME/admin.war" ] || { echo "build first: mvn -DskipTests install" >&2; exit 1; }
work="$(mktemp -d)"; trap 'stop_orchestrator "$work/o" > /dev/null 2>&1 || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
port=$(free_port)

one() { # MODE LABEL -> prints a line, appends figures to $work/MODE.figs
  local mode="$1" label="$2" ms pid java cpu rss pss t0 stop
  if [ "$mode" = jar ]; then ms=$(JAVA=java start_orchestrator "$work/o" "$port") || return 1
  else ms=$(start_orchestrator "$work/o" "$port") || return 1; fi
  pid=$(cat "$work/o/orchestrator.pid")
  if [ "$mode" = aot ] && [ "$label" = first ]; then # the recording ends 2 s after the web module started
    for i in $(seq 1 100); do grep -q "Ended the orchestrator's ahead-of-time recording" "$work/o/logs/orchestrator.log" && break; sleep 0.1; done
  fi
  java=$(readlink "/proc/$pid/exe")
  cpu=$(cpu_ms "$pid")
  sleep 5
  rss=$(rss_mb "$pid"); pss=$(pss_mb "$pid")
  t0=$(now_ms); ORCH_PID="$pid" stop_orchestrator "$work/o" > /dev/null 2>&1; stop=$(( $(now_ms) - t0 ))
  echo "$mode $label: ready ${ms} ms, CPU to ready ${cpu} ms, RSS ${rss} MB, PSS ${pss} MB, stop ${stop} ms ($java)"
  [ "$label" = first ] || echo "$ms $cpu $rss $pss $stop" >> "$work/$mode.figs"
}

MODES="${MODES:-jar aot}"
for mode in $MODES; do
  rm -rf "$work/o"
  one "$mode" first || exit 1
  if [ "$mode" = aot ]; then
    # The creator JVM turns the recording into the cache after the recorded start: wait for it.
    for i in $(seq 1 120); do ls "$work/o/data/payara/cds/"orchestrator-*.aot > /dev/null 2>&1 && break; sleep 1; done
    ls "$work/o/data/payara/cds/"orchestrator-*.aot > /dev/null 2>&1 || { echo "aot: no cache was created" >&2; exit 1; }
    echo "aot: cache $(du -m "$work/o/data/payara/cds/"orchestrator-*.aot | cut -f1) MB, created $(( $(stat -c %Y "$work/o/data/payara/cds/"orchestrator-*.aot) - $(stat -c %Y "$work/o/console.log") )) s after the first start's console closed"
  fi
  for i in $(seq 1 "$N"); do one "$mode" "start $i" || exit 1; done
done
for mode in $MODES; do
  col() { awk -v c="$1" '{print $c}' "$work/$mode.figs" | median; }
  echo "$mode medians of $N: ready $(col 1) ms, CPU $(col 2) ms, RSS $(col 3) MB, PSS $(col 4) MB, stop $(col 5) ms"
done
