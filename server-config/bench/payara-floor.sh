#!/usr/bin/env bash
# The floor under a bot's start: Payara Micro started exactly as the supervisor starts a bot (same
# Java, bot.jvm options, shared launcher, fresh configuration, --nohazelcast, its own trained AOT
# cache), but deploying (a) a WAR with one servlet and no CDI, (b) the same with one injected CDI
# bean. Time from exec to the servlet's first 200, RSS and CPU 5 s later; median of N (default 3)
# after one training start per variant. The bot itself: bot-start.sh.
# FLOOR_PAYARA_JAR=/path/payara-micro-7.x.jar measures the same floor on another Payara Micro: its
# launcher is written with the bots' Java and takes the shipped launcher's place in the command line.
source "$(dirname "$0")/lib.sh"
N="${1:-3}"
with_orchestrator
# 1. The supervisor's real command line and environment, taken from a started bot.
capture_bot "Floor bot"
rootdir="$work/orch/data/payara/bots/$id"
cp -r "$rootdir/config" "$work/pristine-config"
curl -sf -X POST "$BASE/admin/whatsapp/instances/$id/stop" -H "$AUTH" > /dev/null
if [ -n "${FLOOR_PAYARA_JAR:-}" ]; then
  shipped=$(printf '%s\n' "${CMD[@]}" | sed -n 's/^-Dfish.payara.micro.UnpackDir=//p')
  other="$work/other-launcher"
  "${CMD[0]}" -jar "$FLOOR_PAYARA_JAR" --rootdir "$other" --nohazelcast --disablephonehome --outputlauncher \
    > "$work/outputlauncher.log" 2>&1 || { echo "--outputlauncher failed: $(tail -3 "$work/outputlauncher.log")" >&2; exit 1; }
  for ((i = 0; i < ${#CMD[@]}; i++)); do CMD[$i]="${CMD[$i]//$shipped/$other}"; done
  # Its own configuration (domain.xml differs between versions), with the bots' web defaults.
  rm -rf "$work/pristine-config"; cp -r "$other/config" "$work/pristine-config"
  cp "$rootdir/config/default-web.xml" "$work/pristine-config/"
  echo "floor on $(basename "$FLOOR_PAYARA_JAR") instead of the shipped Payara Micro"
fi
# 2. The two WARs.
jar_of() { find "$HOME/.m2/repository" -name "$1" | head -1; }
cp_api="$(jar_of 'jakarta.servlet-api-6.*.jar'):$(jar_of 'jakarta.enterprise.cdi-api-4.*.jar'):$(jar_of 'jakarta.inject-api-2.*.jar')"
for v in plain cdi; do
  mkdir -p "$work/$v/WEB-INF/classes"
  javac -q --release 17 -cp "$cp_api" -d "$work/$v/WEB-INF/classes" "$ROOT/server-config/bench/floor/$v"/p/*.java 2>/dev/null \
    || javac --release 17 -cp "$cp_api" -d "$work/$v/WEB-INF/classes" "$ROOT/server-config/bench/floor/$v"/p/*.java
  [ "$v" = cdi ] && cp "$ROOT/bot-app/src/main/webapp/WEB-INF/beans.xml" "$work/$v/WEB-INF/"
  (cd "$work/$v" && jar cf "$work/$v.war" .)
done
# run_once WAR MODE(train|use) AOT -> "ms rss cpu"
run_once() {
  local war="$1" mode="$2" aot="$3" p out=() i a t0 t1 bpid rss cpu
  p=$(free_port)
  rm -rf "$work/root"; mkdir -p "$work/root"; cp -r "$work/pristine-config" "$work/root/config"
  for ((i = 0; i < ${#CMD[@]}; i++)); do
    a="${CMD[$i]}"
    case "$a" in
      -XX:AOTCache=*|-XX:AOTCacheOutput=*|-XX:SharedArchiveFile=*|-XX:ArchiveClassesAtExit=*)
        if [ "$mode" = train ]; then out+=("-XX:AOTCacheOutput=$aot" -Xlog:aot=off -Xlog:cds=off); else out+=("-XX:AOTCache=$aot"); fi
        continue ;;
      --deploy) out+=(--deploy "$war"); i=$((i + 1)); continue ;;
      --port) out+=(--port "$p"); i=$((i + 1)); continue ;;
      --rootdir) out+=(--rootdir "$work/root"); i=$((i + 1)); continue ;;
    esac
    out+=("$a")
  done
  t0=$(now_ms)
  (cd "$work/root" && exec env -i "${ENVS[@]}" "${out[@]}" > "$work/floor.log" 2>&1) &
  bpid=$!
  until curl -sf "http://127.0.0.1:$p/ping" > /dev/null 2>&1; do
    kill -0 "$bpid" 2>/dev/null || { echo "the floor process died: $(tail -3 "$work/floor.log")" >&2; exit 1; }
    sleep 0.05
  done
  t1=$(now_ms)
  sleep 5
  rss=$(rss_mb "$bpid"); cpu=$(awk '{printf "%.1f", ($14+$15)/100}' "/proc/$bpid/stat")
  kill "$bpid"; wait "$bpid" 2>/dev/null || true
  echo "$((t1 - t0)) $rss $cpu"
}
for v in plain cdi; do
  run_once "$work/$v.war" train "$work/$v.aot" > /dev/null
  for i in $(seq 1 300); do [ -s "$work/$v.aot" ] && break; sleep 0.1; done
  [ -s "$work/$v.aot" ] || { echo "no AOT cache written for $v: $(tail -3 "$work/floor.log")" >&2; exit 1; }
  ms=(); rs=(); cs=()
  for i in $(seq 1 "$N"); do
    read -r m r c < <(run_once "$work/$v.war" use "$work/$v.aot")
    echo "$v run $i: ready after $m ms, RSS $r MB, CPU $c s"
    ms+=("$m"); rs+=("$r"); cs+=("$c")
  done
  echo "$v: start median $(printf '%s\n' "${ms[@]}" | median) ms, RSS median $(printf '%s\n' "${rs[@]}" | median) MB, CPU median $(printf '%s\n' "${cs[@]}" | median) s"
done
