#!/usr/bin/env bash
# The console's live updates under load, on a fresh openwaba from target/ (run
# `mvn package -DskipTests` first), H2: OPERATORS pages of the demo operator connected to
# /console/stream while customers write RATE messages/s on the sandbox network for SECONDS; the
# time from each message to each page's event (bench/src/io/openwaba/bench/console/SseLoad.java),
# and the server's heap after a full GC and its resident memory, before and after the pages
# connect.
#   bench/sse.sh LABEL [OPERATORS] [RATE] [SECONDS]   -> /tmp/result-sse-LABEL.txt
set -u
cd "$(dirname "$0")/.."
LABEL=${1:?usage: bench/sse.sh LABEL [OPERATORS] [RATE] [SECONDS]}
OPERATORS=${2:-200}; RATE=${3:-100}; SECONDS_=${4:-60}
CLASSES=$(mktemp -d /tmp/openwaba-bench-classes.XXXXXX)
STEPS=$(mktemp -d /tmp/openwaba-bench-steps.XXXXXX)
bench/compile.sh "$CLASSES" || exit 2
rm -rf /tmp/bench-sse-data
java ${BENCH_JVM_ARGS:-} -jar ${BENCH_JAR:-target/openwaba-*.jar} --server.port=8080 --openwaba.data-dir=/tmp/bench-sse-data \
  > /tmp/bench-server-sse-$LABEL.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$CLASSES" "$STEPS"' EXIT
for i in $(seq 1 180); do curl -sf localhost:8080/sandbox/ping >/dev/null && break; sleep 1; done
. bench/console-session.sh
NUMBER=$(demo '["phone_number_id"]')
JAR="$STEPS/cookies"
sign_in "$JAR"
SESSION=$(awk '$6 == "JSESSIONID" {print $7}' "$JAR" | tail -1)
memory() {
  jcmd $SERVER GC.run >/dev/null
  sleep 1
  heap=$(jcmd $SERVER GC.heap_info | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}')
  rss=$(awk '/VmRSS/ {print $2 "K"}' /proc/$SERVER/status)
  echo "$1: heap used after a full GC $heap, resident $rss"
}
: > /tmp/result-sse-$LABEL.txt
java -cp "$CLASSES" io.openwaba.bench.console.SseLoad http://localhost:8080 "$SESSION" "$NUMBER" "$OPERATORS" "$RATE" \
  "$SECONDS_" "$STEPS" > "$STEPS/out" 2>"$STEPS/err" &
LOAD=$!
for step in prepared connected; do
  while [ ! -f "$STEPS/$step.ready" ]; do
    kill -0 $LOAD 2>/dev/null || { cat "$STEPS/err" >&2; exit 1; }
    sleep 0.5
  done
  sleep 3
  memory "$step" | tee -a /tmp/result-sse-$LABEL.txt
  touch "$STEPS/$step.go"
done
wait $LOAD
STATUS=$?
cat "$STEPS/out" | tee -a /tmp/result-sse-$LABEL.txt
cat "$STEPS/err" >&2
exit $STATUS
