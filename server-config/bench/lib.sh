# Shared helpers of the benchmark harnesses (sourced, not run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNTIME="$ROOT/server-config/target/runtime"

now_ms() { date +%s%3N; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"} else if (NR%2) {print a[(NR+1)/2]} else {print (a[NR/2]+a[NR/2+1])/2}}'; }

rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

# cpu_ms PID...: CPU time (user + system) the processes have used so far, in ms.
cpu_ms() { local p t=0; for p in "$@"; do t=$(( t + $(awk '{print ($14+$15)*10}' "/proc/$p/stat" 2>/dev/null || echo 0) )); done; echo "$t"; }

# jit_ms PID...: CPU time the processes' JIT compiler threads (C1/C2 CompilerThread) have used so
# far, in ms: warm-up a long-running process pays once. Threads that ended are not counted.
jit_ms() {
  local p t task
  t=0
  for p in "$@"; do
    for task in /proc/"$p"/task/*; do
      case "$(cat "$task/comm" 2>/dev/null)" in
        "C1 CompilerThre"*|"C2 CompilerThre"*) t=$(( t + $(awk '{print ($14+$15)*10}' "$task/stat" 2>/dev/null || echo 0) )) ;;
      esac
    done
  done
  echo "$t"
}

pss_mb() { awk '/^Pss:/ {printf "%.0f", $2/1024}' "/proc/$1/smaps_rollup"; }

json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }

# start_orchestrator DIR PORT -> sets ORCH_PID, prints ms to ready (health ready and the app answering)
start_orchestrator() {
  local dir="$1" port="$2" t0
  mkdir -p "$dir"
  t0=$(now_ms)
  # No pre-started spare unless asked (WABOTS_BOT_SPARES=1 bot-start.sh): the cold start is measured.
  WABOTS_BOT_SPARES="${WABOTS_BOT_SPARES:-0}" \
  WABOTS_SKIP_BUILD=1 WABOTS_ADMIN_PASSWORD=bench-admin-password WABOTS_PORT="$port" \
    WABOTS_DATA="$dir/data" WABOTS_LOGS="$dir/logs" setsid "$ROOT/wabots" run > "$dir/console.log" 2>&1 &
  ORCH_PID=$!
  echo "$ORCH_PID" > "$dir/orchestrator.pid" # for callers that ran this in a subshell, $(…)
  until curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1 && curl -sf "http://127.0.0.1:$port/" > /dev/null 2>&1; do
    kill -0 "$ORCH_PID" 2>/dev/null || { echo "orchestrator died: see $dir/console.log" >&2; return 1; }
    sleep 0.1
  done
  echo $(( $(now_ms) - t0 ))
}

stop_orchestrator() {
  local dir="$1" pid="${ORCH_PID:-}" i
  [ -n "$pid" ] || pid="$(cat "$dir/orchestrator.pid" 2>/dev/null || true)"
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    # Not always our child (start_orchestrator in a subshell): poll until it is gone.
    for i in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  WABOTS_DATA="$dir/data" "$ROOT/wabots" stop-all > /dev/null 2>&1 || true
}

login() { # BASE -> token
  curl -sf -X POST "$1/admin/auth/login" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"bench-admin-password"}' | json 'd["access_token"]'
}

# start_bot BASE AUTH ID PORT: start a bot and wait for its own readiness.
start_bot() {
  curl -sf -X POST "$1/admin/whatsapp/instances/$3/start" -H "$2" > /dev/null
  until curl -sf "http://127.0.0.1:$4/health/ready" > /dev/null 2>&1; do sleep 0.1; done
}

# train_archive BASE AUTH ID PORT: one start and stop, as an operator's first start would: the
# class-data archive is trained then, so the bot measured next is not a training JVM (a trainer
# records profiles and later writes the cache, which costs CPU the measurement would include).
train_archive() {
  start_bot "$@"
  curl -sf -X POST "$1/admin/whatsapp/instances/$3/stop" -H "$2" > /dev/null
}

# capture_bot NAME: creates a bot, trains the class-data archive and starts the bot again, so its
# command line is an ordinary start; sets id, pid, CMD (the supervisor's command line) and ENVS
# (its environment) for harnesses that start Payara Micro the way a bot is started.
capture_bot() {
  local botport
  botport=$(free_port)
  id=$(create_bot "{\"name\":\"$1\",\"webhook_port\":$botport}")
  train_archive "$BASE" "$AUTH" "$id" "$botport"
  start_bot "$BASE" "$AUTH" "$id" "$botport"
  pid=$(curl -sf "$BASE/admin/whatsapp/instances/$id/status" -H "$AUTH" | json 'd["pid"]')
  mapfile -t CMD < <(tr '\0' '\n' < "/proc/$pid/cmdline")
  mapfile -t ENVS < <(tr '\0' '\n' < "/proc/$pid/environ" | grep -v '^$')
}

# await_archive ORCHESTRATOR_LOG: when a bot's latest start records the class-data archive (JDK 25
# AOT training), waits until the orchestrator has ended that recording: assembling the cache pauses
# the bot for seconds, which a measurement must not include.
await_archive() {
  local last i
  for i in $(seq 1 600); do
    last=$(grep -E "Started bot|ended its class-data recording" "$1" | tail -1)
    case "$last" in *"training the class-data archive"*) sleep 0.5 ;; *) return 0 ;; esac
  done
  echo "the class-data recording did not end within 5 minutes" >&2
}

# with_orchestrator: a temporary folder $work (removed at exit unless KEEP is set) with an
# orchestrator in it, stopped at exit; sets port, BASE, TOKEN (an admin's) and AUTH (its header).
with_orchestrator() {
  work="$(mktemp -d)"; trap 'stop_orchestrator "$work/orch"; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
  port=$(free_port)
  start_orchestrator "$work/orch" "$port" > /dev/null
  BASE="http://127.0.0.1:$port"
  TOKEN="$(login "$BASE")"
  AUTH="Authorization: Bearer $TOKEN"
}

# create_bot JSON: creates a bot from that request body, prints its id.
create_bot() {
  curl -sf -X POST "$BASE/admin/whatsapp/instances" -H "$AUTH" -H 'Content-Type: application/json' -d "$1" \
    | json 'd["instance"]["id"]'
}
