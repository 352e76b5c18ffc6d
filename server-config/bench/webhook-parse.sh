#!/usr/bin/env bash
# CPU of reading Meta's webhooks in a bot, alone (see WebhookParseBench.java).
# Usage: server-config/bench/webhook-parse.sh [rounds=30] [webhooks-per-round=100000]
# Builds funnel-jar first unless WABOTS_SKIP_BUILD=1; FUNNEL_JAR=path measures another build's
# funnel-jar (e.g. one built from an older commit) against the same bodies.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
if [ "${WABOTS_SKIP_BUILD:-0}" != 1 ] && [ -z "${FUNNEL_JAR:-}" ]; then
  mvn -q -B -DskipTests package -pl funnel-jar
fi
CP_FILE="$ROOT/server-config/target/bench/funnel-jar.classpath"
mkdir -p "$(dirname "$CP_FILE")"
mvn -q -B -pl funnel-jar dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
JAR="${FUNNEL_JAR:-$(ls "$ROOT"/funnel-jar/target/funnel-jar-*.jar | grep -v sources | head -1)}"
echo "parser from $JAR"
exec java -Xms256m -Xmx256m -XX:+UseSerialGC -cp "$JAR:$(cat "$CP_FILE")" "$ROOT/server-config/bench/WebhookParseBench.java" "$@"
