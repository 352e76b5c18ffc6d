#!/usr/bin/env bash
# Can a pre-started spare bot take a bot's webhook port? (The one route under the platform floor of
# payara-floor.sh: a spare Payara Micro booted in advance adopts a bot's identity when it starts.)
# Boots the shipped Payara Micro from a launcher of its own, with a WAR whose servlet moves
# http-listener to another port in the live configuration (what `asadmin set ….port=` does), then
# reports: how long until the new port accepts, what /ping and /health answer there, whether the
# old port closed. REBIND_TOGGLE=1 also disables and re-enables the listener after the change
# (what bot-app's ListenerPort does: without it the web container keeps mapping the old port).
# Needs the built runtime (server-config/target/runtime).
source "$(dirname "$0")/lib.sh"
JAVA="${WABOTS_BOT_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
[ -x "$JAVA" ] || JAVA=java
work="$(mktemp -d)"; trap '[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
"$JAVA" -jar "$ROOT/server-config/target/runtime/payara-micro.jar" --rootdir "$work/launcher" --nohazelcast \
  --disablephonehome --outputlauncher > "$work/outputlauncher.log" 2>&1 || { tail -3 "$work/outputlauncher.log"; exit 1; }
rt="$work/launcher/runtime"
cp_api="$(find "$HOME/.m2/repository" -name 'jakarta.servlet-api-6.*.jar' | head -1)"
for j in internal-api hk2-api hk2-config config-api nucleus-grizzly-all; do cp_api="$cp_api:$rt/$j.jar"; done
mkdir -p "$work/war/WEB-INF/classes"
javac --release 17 -cp "$cp_api" -d "$work/war/WEB-INF/classes" "$ROOT"/server-config/bench/floor/{plain,rebind}/p/*.java
(cd "$work/war" && jar cf "$work/rebind.war" .)
a=$(free_port); b=$(free_port)
mkdir -p "$work/root"; cp -r "$work/launcher/config" "$work/root/config"
(cd "$work/root" && exec "$JAVA" -Xmx128m -XX:+UseSerialGC -Dfish.payara.micro.UnpackDir="$work/launcher" \
  -jar "$work/launcher/launch-micro.jar" --nohazelcast --disablephonehome --rootdir "$work/root" --port "$a" \
  --deploy "$work/rebind.war" --contextroot / > "$work/payara.log" 2>&1) &
pid=$!
until curl -sf "http://127.0.0.1:$a/ping" > /dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { echo "Payara died: $(tail -3 "$work/payara.log")" >&2; exit 1; }; sleep 0.1
done
curl -sf "http://127.0.0.1:$a/health" > /dev/null || { echo "no /health on the first port" >&2; exit 1; }
echo "booted on port $a: /ping 200, /health 200"
t0=$(now_ms)
curl -sf -X POST "http://127.0.0.1:$a/rebind?port=$b" > /dev/null
until (exec 3<> "/dev/tcp/127.0.0.1/$b") 2> /dev/null; do
  [ $(($(now_ms) - t0)) -gt 15000 ] && { echo "port $b never accepted" >&2; exit 1; }; sleep 0.02
done
echo "port $b accepts $(($(now_ms) - t0)) ms after the request"
sleep 2
echo "on port $b, 2 s later: /ping $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$b/ping"), /health $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$b/health")"
echo "old port $a: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$a/ping" || true) (000 = closed)"
grep -a "Created HTTP listener\|bound to\|rebind:" "$work/payara.log" | sed 's/.*levelValue: [0-9]*\] //'
