#!/usr/bin/env bash
# Benchmark of one funnel step including the SQLite write (see BENCHMARKS.md).
# Usage: funnel-jar/bench.sh [repetitions=5] [events per repetition=20000]
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -q -f pom.xml test-compile exec:exec \
  -Dbench.repetitions="${1:-5}" -Dbench.events="${2:-20000}"
