#!/usr/bin/env bash
# Time to synthesise and transcode a 200-character reply with espeak-ng + ffmpeg (see SpeechBench.java).
# Usage: server-config/bench/speech.sh [runs=30]   (needs: apt-get install espeak-ng ffmpeg)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
if [ "${WABOTS_SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -B -DskipTests -pl domain-ejb compile
fi
exec java -cp "$ROOT/domain-ejb/target/classes" "$ROOT/server-config/bench/SpeechBench.java" "$@"
