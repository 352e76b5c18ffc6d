#!/usr/bin/env bash
# The CPU floor of one HTTP exchange in a bot process (issue 18): Payara Micro started exactly as
# the supervisor starts a bot (the command line and environment taken from a started bot: same Java,
# bot.jvm options with the C2-held compiler directives, shared launcher, fresh configuration copy,
# --nohazelcast, its own AOT cache trained once then used), deploying instead of the bot a WAR of
# plain servlets (server-config/bench/floor/requests, no CDI): POST /webhook-floor reads a ~1 KB
# signed Cloud API webhook and answers 200 ("in"), the same checking its HMAC-SHA256 ("hmac"), and
# POST /webhook-floor-out does that plus ONE outbound POST with the JDK HttpClient, synchronously in
# the request thread, to a stand-in in the load generator ("out"). The orchestrator is stopped
# before the load. dev.wabots.bench.RequestFloorLoad warms the variants up (default two rounds of
# 30 s each at 500/s; the WAR switches C2 on at the first POST, as a bot does), measures the idle process for
# FLOOR_IDLE s, then runs every phase open loop for every variant. Per phase: achieved rate,
# p50/p99 from the intended send time, Payara CPU per request (/proc utime+stime, read around the
# phase; its threads' share by name), the generator's own CPU and the other processes' CPU (the
# machine is shared: /proc/stat); then medians and the estimate
# "floor per processed message ≈ 4 × inbound + 2.4 × outbound-extra".
# Usage: flock /tmp/bench.lock server-config/bench/request-floor.sh [rate:seconds …]  (default 200:30 500:30)
# Env: FLOOR_VARIANTS (in,hmac,out), FLOOR_WARMUP (rounds over all variants: 500:30,500:30), FLOOR_IDLE (10 s),
# FLOOR_CONNECTIONS (64 sockets), FLOOR_CLIENT_EXECUTOR=direct (the outbound HttpClient runs its tasks in
# place instead of in its worker pool), FLOOR_CLIENT=urlconnection (the outbound call
# through HttpURLConnection, blocking in the request thread, instead of the HttpClient), BENCH_M2_REPO (where jakarta.servlet-api is; ~/.m2/repository),
# BENCH_GENERATOR_OPTIONS (JVM options of the generator). Needs a build (mvn install -DskipTests:
# the runtime and target/test-classes); KEEP=1 keeps the temporary folder.
source "$(dirname "$0")/lib.sh"
phases=("$@"); [ ${#phases[@]} -gt 0 ] || phases=(200:30 500:30)
VARIANTS="${FLOOR_VARIANTS:-in,hmac,out}"
WARMUP="${FLOOR_WARMUP:-500:30,500:30}"
IDLE="${FLOOR_IDLE:-10}"
classes="$ROOT/server-config/target/test-classes"
[ -f "$classes/dev/wabots/bench/RequestFloorLoad.class" ] \
  || { echo "no $classes/dev/wabots/bench/RequestFloorLoad.class: build first (mvn install -DskipTests)" >&2; exit 1; }
servlet_api=$(find "${BENCH_M2_REPO:-$HOME/.m2/repository}" -name 'jakarta.servlet-api-6.*.jar' 2>/dev/null | head -1)
[ -n "$servlet_api" ] || { echo "no jakarta.servlet-api 6 jar under ${BENCH_M2_REPO:-$HOME/.m2/repository} (BENCH_M2_REPO)" >&2; exit 1; }
secret=0123456789abcdef0123456789abcdef
fpid=""; gpid=""
with_orchestrator
cleanup() {
  [ -z "$gpid" ] || kill "$gpid" 2>/dev/null || true
  if [ -n "$fpid" ]; then kill "$fpid" 2>/dev/null || true; wait "$fpid" 2>/dev/null || true; fi
  [ -z "$gpid" ] || wait "$gpid" 2>/dev/null || true
  stop_orchestrator "$work/orch" || true
  [ -n "${KEEP:-}" ] || rm -rf "$work" || true
}
trap cleanup EXIT

# 1. The supervisor's real command line and environment, taken from a started bot (payara-floor.sh).
capture_bot "Request floor bot"
cp -r "$work/orch/data/payara/bots/$id/config" "$work/pristine-config"
curl -sf -X POST "$BASE/admin/whatsapp/instances/$id/stop" -H "$AUTH" > /dev/null
# Nothing but the floor and the generator runs from here on.
stop_orchestrator "$work/orch"
printf '%s\n' "${CMD[@]}" > "$work/bot-cmdline.txt"

# 2. The floor WAR.
mkdir -p "$work/war/WEB-INF/classes"
javac --release 17 -cp "$servlet_api" -d "$work/war/WEB-INF/classes" "$ROOT/server-config/bench/floor/requests"/p/*.java
(cd "$work/war" && jar cf "$work/requests.war" .)

# 3. The floor process: the bot's command line with the floor WAR, a fresh configuration copy and
# its own class-data archive (JDK 25: AOT cache; JDK 17: dynamic CDS archive), trained once.
archive=none
for a in "${CMD[@]}"; do
  case "$a" in
    -XX:AOTCache=*|-XX:AOTCacheOutput=*) archive=aot ;;
    -XX:SharedArchiveFile=*|-XX:ArchiveClassesAtExit=*) archive=cds ;;
  esac
done
standin=$(free_port)
start_floor() { # MODE(train|use) -> sets fpid, fport
  local mode="$1" out=() i a t0
  fport=$(free_port)
  rm -rf "$work/root"; mkdir -p "$work/root"; cp -r "$work/pristine-config" "$work/root/config"
  for ((i = 0; i < ${#CMD[@]}; i++)); do
    a="${CMD[$i]}"
    case "$a" in
      -XX:AOTCache=*|-XX:AOTCacheOutput=*)
        if [ "$mode" = train ]; then out+=("-XX:AOTCacheOutput=$work/floor.aot" -Xlog:aot=off -Xlog:cds=off -XX:-ClassUnloading)
        else out+=("-XX:AOTCache=$work/floor.aot"); fi
        continue ;;
      -XX:SharedArchiveFile=*|-XX:ArchiveClassesAtExit=*)
        if [ "$mode" = train ]; then out+=("-XX:ArchiveClassesAtExit=$work/floor.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -XX:-ClassUnloading)
        else out+=("-XX:SharedArchiveFile=$work/floor.jsa"); fi
        continue ;;
      -Xlog:aot=off|-Xlog:cds=off|-Xlog:cds+dynamic=off|-XX:-ClassUnloading) continue ;; # a trainer's, if captured so
      --deploy) out+=(--deploy "$work/requests.war"); i=$((i + 1)); continue ;;
      --port) out+=(--port "$fport"); i=$((i + 1)); continue ;;
      --rootdir) out+=(--rootdir "$work/root"); i=$((i + 1)); continue ;;
    esac
    out+=("$a")
  done
  printf '%s\n' "${out[@]}" > "$work/floor-cmdline-$mode.txt"
  (cd "$work/root" && exec env -i "${ENVS[@]}" FLOOR_APP_SECRET="$secret" FLOOR_CLIENT_EXECUTOR="${FLOOR_CLIENT_EXECUTOR:-}" FLOOR_CLIENT="${FLOOR_CLIENT:-}" \
    FLOOR_OUTBOUND_URL="http://127.0.0.1:$standin/v21.0/106540352242922/messages" "${out[@]}" > "$work/floor-$mode.log" 2>&1) &
  fpid=$!
  t0=$(now_ms)
  until curl -sf "http://127.0.0.1:$fport/ping" > /dev/null 2>&1; do
    kill -0 "$fpid" 2>/dev/null || { echo "the floor process died: $(tail -5 "$work/floor-$mode.log")" >&2; fpid=""; exit 1; }
    [ $(( $(now_ms) - t0 )) -lt 180000 ] || { echo "the floor process did not answer /ping within 180 s" >&2; exit 1; }
    sleep 0.1
  done
}
stop_floor() {
  kill "$fpid" 2>/dev/null || true
  wait "$fpid" 2>/dev/null || true
  fpid=""
}
if [ "$archive" = none ]; then
  echo "note: the bot's command line maps no class-data archive; the floor runs without one too" >&2
else
  start_floor train
  stop_floor # the JVM writes the archive as it exits (JDK 25: with a second JVM it waits for)
  file="$work/floor.jsa"; [ "$archive" = cds ] || file="$work/floor.aot"
  for i in $(seq 1 600); do [ -s "$file" ] && break; sleep 0.1; done
  [ -s "$file" ] || { echo "no class-data archive written by the training start: $(tail -3 "$work/floor-train.log")" >&2; exit 1; }
fi
start_floor use
bot_java="$("${CMD[0]}" -version 2>&1 | head -1)"
echo "bots' Java: ${CMD[0]} ($bot_java); generator: $(command -v java) ($(java -version 2>&1 | head -1))"
echo "floor process pid $fpid on port $fport: the bot's command line (${#CMD[@]} arguments, $work/bot-cmdline.txt) with" \
  "the floor WAR, archive: $archive; $(curl -sf "http://127.0.0.1:$fport/ping"); RSS $(rss_mb "$fpid") MB; phases ${phases[*]}"

# 4. The load.
echo "load average before the load: $(cut -d' ' -f1-3 /proc/loadavg)"
java ${BENCH_GENERATOR_OPTIONS:-} -Dfloor.connections="${FLOOR_CONNECTIONS:-64}" -cp "$classes" dev.wabots.bench.RequestFloorLoad \
  "$fport" "$secret" "$standin" "$fpid" "$VARIANTS" "$WARMUP" "$IDLE" "${phases[@]}" &
gpid=$!
wait "$gpid"
gpid=""
# What the JIT did over the whole life of the floor process (its code cache is bot.jvm's 48 MB).
jcmd="$(dirname "$(readlink -f "/proc/$fpid/exe")")/jcmd"
if [ -x "$jcmd" ]; then
  echo "floor JIT: $("$jcmd" "$fpid" PerfCounter.print 2>/dev/null | awk -F= '/^sun.ci.(standardCompiles|osrCompiles|totalBailouts|totalInvalidates)=/ {sub(/^sun.ci./, "", $1); printf "%s %s, ", $1, $2} /^java.ci.totalTime=/ {t = $2} /^sun.os.hrt.frequency=/ {f = $2} END {if (f) printf "compile time %.1f s", t / f}')"
  "$jcmd" "$fpid" Compiler.codecache 2>/dev/null | grep -E '^(CodeHeap|CodeCache)|full_count' | sed 's/^/floor code cache: /' || true
fi
echo "floor process after the load: RSS $(rss_mb "$fpid") MB; $(curl -sf "http://127.0.0.1:$fport/ping"); load average $(cut -d' ' -f1-3 /proc/loadavg)"
stop_floor
