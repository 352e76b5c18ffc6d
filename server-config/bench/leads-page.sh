#!/usr/bin/env bash
# The Leads page's first render and the CSV and XLSX exports with many leads (see LeadsPageBench.java).
# Usage: server-config/bench/leads-page.sh [leads=50000] [rounds=20] [exports=5]
# Builds the reactor first unless WABOTS_SKIP_BUILD=1; runs the orchestrator from the built artifacts.
# MVN_FLAGS is passed to every mvn (e.g. MVN_FLAGS="-o -Dmaven.repo.local=/path/to/m2").
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
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
  -cp "$ROOT/server-config/target/test-classes:$(cat "$CP_FILE")" dev.wabots.bench.LeadsPageBench "$@"
