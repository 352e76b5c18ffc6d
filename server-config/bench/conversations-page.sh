#!/usr/bin/env bash
# The Conversations page's first render (also with a 1 000-message thread open) and the conversations API
# with many conversations and messages (see ConversationsPageBench.java).
# Usage: server-config/bench/conversations-page.sh [conversations=10000] [messages=200000] [rounds=20]
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
  -cp "$ROOT/server-config/target/test-classes:$(cat "$CP_FILE")" dev.wabots.bench.ConversationsPageBench "$@"
