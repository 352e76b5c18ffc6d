#!/usr/bin/env bash
# Orchestrator cold start (fresh data folder: keys, migrations, first admin, Payara boot) to
# /health/ready + the application answering, and idle RSS 10 s later. Median of N runs (default 5).
source "$(dirname "$0")/lib.sh"
N="${1:-5}"
[ -f "$RUNTIME/admin.war" ] || { echo "build first: mvn -DskipTests install" >&2; exit 1; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
starts=(); rsss=()
for i in $(seq 1 "$N"); do
  port=$(free_port)
  ms=$(start_orchestrator "$work/run$i" "$port")
  sleep 10
  pid=$(pgrep -f -- "-Dwabots.port=$port" | head -1)
  rss=$(rss_mb "$pid")
  echo "run $i: ready after $ms ms, idle RSS $rss MB"
  starts+=("$ms"); rsss+=("$rss")
  stop_orchestrator "$work/run$i"
done
echo "orchestrator cold start: median $(printf '%s\n' "${starts[@]}" | median) ms (runs: ${starts[*]})"
echo "orchestrator idle RSS:   median $(printf '%s\n' "${rsss[@]}" | median) MB (runs: ${rsss[*]})"
