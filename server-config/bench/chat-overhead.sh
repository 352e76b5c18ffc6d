#!/usr/bin/env bash
# Orchestrator overhead per chat call, excluding the model (see ChatOverheadBench.java).
# Usage: server-config/bench/chat-overhead.sh [calls=5000] [warm-up=10000]
# Builds domain-ejb and the admin WAR first unless WABOTS_SKIP_BUILD=1. BENCH_ORCHESTRATOR_OPTIONS adds
# JVM options to the orchestrator (e.g. "-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl").
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
if [ "${WABOTS_SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -B -DskipTests install -pl funnel-jar,domain-ejb
  mvn -q -B -DskipTests package -pl admin-war
fi
CP_FILE="$ROOT/server-config/target/bench/admin-war-test.classpath"
mkdir -p "$(dirname "$CP_FILE")"
mvn -q -B -pl admin-war dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="$(cat "$CP_FILE")"
jar_of() { tr ':' '\n' <<<"$CP" | grep "/$1-[0-9][^/]*\.jar$" | head -1; }
# The fakes run on the JDK HTTP server: without TCP_NODELAY its separate header and body writes
# meet the client's delayed ACK (~40 ms stalls) and would swamp what is measured.
exec java -Dsun.net.httpserver.nodelay=true -Dbench.orchestrator-options="${BENCH_ORCHESTRATOR_OPTIONS:-}" -Dwabots.root="$ROOT" -Dbench.payara="$(jar_of payara-micro)" -Dbench.sqlite="$(jar_of sqlite-jdbc)" \
  -cp "$ROOT/admin-war/target/test-classes:$CP" "$ROOT/server-config/bench/ChatOverheadBench.java" "$@"
