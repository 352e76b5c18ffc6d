#!/usr/bin/env bash
# Runs one of the panel's page benchmarks (a main class of server-config's test sources, e.g.
# ConversationsPageBench) with its arguments, against an orchestrator it starts from the built
# artifacts. Builds the reactor first unless WABOTS_SKIP_BUILD=1.
# MVN_FLAGS is passed to every mvn (e.g. MVN_FLAGS="-o -Dmaven.repo.local=/path/to/m2").
# Usage: server-config/bench/page-bench.sh <class> [arguments…]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
main="$1"; shift
cd "$ROOT"
if [ "${WABOTS_SKIP_BUILD:-0}" != 1 ]; then
  mvn ${MVN_FLAGS:-} -q -B -DskipTests install
fi
mvn ${MVN_FLAGS:-} -q -B -pl server-config test-compile
CP_FILE="$ROOT/server-config/target/bench/server-config-test.classpath"
mkdir -p "$(dirname "$CP_FILE")"
mvn ${MVN_FLAGS:-} -q -B -pl server-config dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
cd "$ROOT/server-config"
exec java -Dwabots.root="$ROOT" -Dwabots.e2e.dir="$ROOT/server-config/target/bench/e2e" \
  -cp "$ROOT/server-config/target/test-classes:$(cat "$CP_FILE")" "dev.wabots.bench.$main" "$@"
