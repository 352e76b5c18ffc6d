#!/usr/bin/env bash
# CPU-time profile of a running JVM (a bot, the orchestrator) with async-profiler from Maven Central
# (tools.profiler:async-profiler, linux-x64), in its ctimer mode: it samples the CPU time of every
# thread and needs no perf events. Unlike JFR's execution samples it counts native code too —
# SQLite, system calls (page reads and writes, sockets), the JVM's own threads — so a busy bot's
# shares come out as CPU, not as Java frames only (BENCHMARKS.md, "Where a busy bot's CPU goes, native code included").
# Prints the thread groups and the frames with the most samples of their own, and keeps the
# collapsed stacks (one line per stack: thread;frame;…;frame count) for closer reading.
# With EVENT=wall it samples every thread every 2 ms whatever its state (running, parked, in a
# system call): where threads wait rather than what they compute (BENCHMARKS.md, "Where the write
# turn went").
# Usage: [EVENT=wall] server-config/bench/cpu-profile.sh PID [SECONDS (30)] [OUT (cpu-PID.collapsed)]
#   e.g. while processing-load.sh runs, with the bot's pid from its line "bot busy-bot pid N" (or a
#   bot's status, "pid"): cpu-profile.sh N 30
source "$(dirname "$0")/lib.sh"
pid="${1:?usage: cpu-profile.sh PID [SECONDS] [OUT]}"; seconds="${2:-30}"; out="$(realpath -m "${3:-cpu-$pid.collapsed}")"
version=4.1
dir="$ROOT/server-config/target/async-profiler-$version"
lib="$dir/linux-x64/libasyncProfiler.so"
if [ ! -f "$lib" ]; then
  mkdir -p "$dir"
  (cd "$ROOT/server-config" && mvn -q dependency:copy -Dartifact="tools.profiler:async-profiler:$version:jar:linux-x64" \
    -DoutputDirectory="$dir" > /dev/null)
  (cd "$dir" && unzip -q -o "async-profiler-$version-linux-x64.jar" 'linux-x64/*')
fi
# The target's own jcmd (bots run on a JDK 25 when there is one). jcmd splits its arguments at
# commas unless they are quoted, so the agent's options go in quotes.
jcmd="$(dirname "$(readlink -f "/proc/$pid/exe")")/jcmd"
case "${EVENT:-ctimer}" in
  ctimer) options="start,event=ctimer,interval=1ms,threads" ;;
  wall) options="start,event=wall,interval=2ms,threads" ;;
  *) echo "EVENT is ctimer (the default) or wall, not ${EVENT}" >&2; exit 2 ;;
esac
"$jcmd" "$pid" JVMTI.agent_load "$lib" "\"$options\"" > /dev/null
sleep "$seconds"
"$jcmd" "$pid" JVMTI.agent_load "$lib" "\"stop,file=$out,collapsed\"" > /dev/null
python3 - "$out" <<'EOF'
import collections, re, sys
threads, leaves, total = collections.Counter(), collections.Counter(), 0
for line in open(sys.argv[1]):
    stack, _, count = line.rstrip().rpartition(' ')
    count = int(count); total += count
    frames = stack.split(';')
    threads[re.sub(r'\d+', 'N', frames[0].split(' tid=')[0].lstrip('['))] += count
    leaves[frames[-1]] += count
print(f'{total} samples; by thread:')
for name, n in threads.most_common(12):
    print(f'  {100 * n / total:5.1f} %  {name}')
print('frames with the most samples of their own (native libraries by file, system calls by name):')
for name, n in leaves.most_common(25):
    print(f'  {100 * n / total:5.1f} %  {name}')
EOF
echo "collapsed stacks: $out"
