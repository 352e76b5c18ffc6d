#!/usr/bin/env bash
# How the orchestrator's own JVM could start faster (issue 18 follow-up): its start to /health/ready
# when Payara Micro runs as `./wabots run` runs it (JDK 17, `-jar payara-micro.jar`) against the
# bots' arrangement (Payara's launcher class path, a class-data archive; JDK 25's AOT cache when
# a JDK 25 is installed). One orchestrator is started with ./wabots run to prepare a data folder
# and to capture its command line from /proc; then each variant runs that command line N times
# (default 2) on the same folder, after one training run where the variant has an archive.
# Usage: server-config/bench/orchestrator-launch.sh [N=2]   (JAVA25=/path/to/java to choose the JDK 25)
source "$(dirname "$0")/lib.sh"
N="${1:-2}"
J25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[ -f "$RUNTIME/admin.war" ] || { echo "build first: mvn -DskipTests install" >&2; exit 1; }
work="$(mktemp -d)"; trap 'kill ${opid:-} 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
port=$(free_port)
start_orchestrator "$work/orch" "$port" > /dev/null
opid=$(pgrep -f -- "-Dwabots.port=$port" | head -1)
mapfile -t CMD < <(tr '\0' '\n' < "/proc/$opid/cmdline")
stop_orchestrator "$work/orch"; unset opid
data="$work/orch/data"

# The captured line: JAVA <jvm options> -jar payara-micro.jar <Payara's arguments>.
jvm=(); args=(); jar=""; seen=0
for ((i = 1; i < ${#CMD[@]}; i++)); do
  if [ "$seen" = 0 ] && [ "${CMD[$i]}" = -jar ]; then jar="${CMD[$((i + 1))]}"; seen=1; i=$((i + 1)); continue; fi
  if [ "$seen" = 0 ]; then jvm+=("${CMD[$i]}"); else args+=("${CMD[$i]}"); fi
done
# The launcher variants put the JDBC driver on the class path instead of --addlibs.
largs=(); addlibs=""
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[$i]}" = --addlibs ]; then addlibs="${args[$((i + 1))]}"; i=$((i + 1)); else largs+=("${args[$i]}"); fi
done
rootdir=""; for ((i = 0; i < ${#args[@]}; i++)); do [ "${args[$i]}" = --rootdir ] && rootdir="${args[$((i + 1))]}"; done

# Payara's launcher, written once as the supervisor writes the bots' (PayaraLauncher).
launcher="$work/launcher"
"${CMD[0]}" -jar "$jar" --rootdir "$launcher" --nohazelcast --disablephonehome --outputlauncher > "$work/launcher.log" 2>&1
cp -r "$launcher/config" "$work/pristine-config"
mapfile -t modopts < <(unzip -p "$launcher/launch-micro.jar" META-INF/MANIFEST.MF | tr -d '\r' | python3 -c '
import sys
lines, cur = [], ""
for l in sys.stdin.read().split("\n"):
    if l.startswith(" "): cur += l[1:]
    else:
        if cur: lines.append(cur)
        cur = l
lines.append(cur)
for l in lines:
    k, _, v = l.partition(": ")
    if k in ("Add-Opens", "Add-Exports"):
        for m in v.split(): print(("--add-opens=" if k == "Add-Opens" else "--add-exports=") + m + "=ALL-UNNAMED")')
launch=("${modopts[@]}" "-Dfish.payara.micro.BootJar=file://$launcher/launch-micro.jar" "-Dfish.payara.micro.UnpackDir=$launcher"
  -cp "$launcher/launch-micro.jar${addlibs:+:$addlibs}" fish.payara.micro.impl.PayaraMicroImpl)

# run_once NAME MODE -> "ms cpu_s stop_ms"; MODE: jar17 jar25 l17 l17train l17cds l25train l25aot
run_once() {
  local mode="$1" t0 t1 t2 pid cpu
  local -a c
  rm -rf "$rootdir/config" "$rootdir/applications" "$rootdir/generated"
  case "$mode" in l*) mkdir -p "$rootdir"; cp -r "$work/pristine-config" "$rootdir/config" ;; esac
  case "$mode" in
    jar17) c=("${CMD[0]}" "${jvm[@]}" -jar "$jar" "${args[@]}") ;;
    jar25) c=("$J25" "${jvm[@]}" -jar "$jar" "${args[@]}") ;;
    l17) c=("${CMD[0]}" "${jvm[@]}" "${launch[@]}" "${largs[@]}") ;;
    l17train) c=("${CMD[0]}" "${jvm[@]}" "-XX:ArchiveClassesAtExit=$work/o17.jsa" -XX:-ClassUnloading -Xlog:cds=off -Xlog:cds+dynamic=off "${launch[@]}" "${largs[@]}") ;;
    l17cds) c=("${CMD[0]}" "${jvm[@]}" "-XX:SharedArchiveFile=$work/o17.jsa" "${launch[@]}" "${largs[@]}") ;;
    l25train) c=("$J25" "${jvm[@]}" "-XX:AOTCacheOutput=$work/o25.aot" -XX:-ClassUnloading -Xlog:aot=off -Xlog:cds=off "${launch[@]}" "${largs[@]}") ;;
    l25aot) c=("$J25" "${jvm[@]}" "-XX:AOTCache=$work/o25.aot" "${launch[@]}" "${largs[@]}") ;;
  esac
  t0=$(now_ms)
  MALLOC_ARENA_MAX=2 "${c[@]}" > "$work/console-$mode.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "$mode: the orchestrator died, see $work/console-$mode.log (KEEP=1 keeps it)" >&2; return 1; }
    sleep 0.1
  done
  t1=$(now_ms)
  sleep 2
  cpu=$(cpu_ms "$pid")
  kill "$pid"; t2=$(now_ms); wait "$pid" 2>/dev/null || true
  echo "$(( t1 - t0 )) $cpu $(( $(now_ms) - t2 ))"
}

variant() { # LABEL TRAIN_MODE(or -) MODE
  local label="$1" train="$2" mode="$3" r starts=() cpus=()
  if [ "$train" != - ]; then
    r=($(run_once "$train")) || return 0
    echo "$label: training run ready after ${r[0]} ms, its stop took ${r[2]} ms (the archive is written at exit)"
  fi
  for i in $(seq 1 "$N"); do
    r=($(run_once "$mode")) || return 0
    starts+=("${r[0]}"); cpus+=("${r[1]}")
  done
  echo "$label: start to ready median $(printf '%s\n' "${starts[@]}" | median) ms (runs: ${starts[*]}), CPU of the start median $(printf '%s\n' "${cpus[@]}" | median) ms"
}

variant "JDK 17, -jar payara-micro.jar (shipped)" - jar17
variant "JDK 17, launcher class path, no archive" - l17
variant "JDK 17, launcher class path + dynamic CDS archive" l17train l17cds
if [ -x "$J25" ]; then
  variant "JDK 25, -jar payara-micro.jar" - jar25
  variant "JDK 25, launcher class path + AOT cache" l25train l25aot
else
  echo "no JDK 25 at $J25 (JAVA25=…): its variants skipped"
fi
