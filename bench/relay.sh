#!/usr/bin/env bash
# The cloud relay under load: starts two fresh openwaba from target/ (run `mvn package -DskipTests` first)
# on H2, one in sandbox mode on port 8081 that plays Meta, and one with openwaba.network=cloud on port 8080
# that relays to it; drives the cloud node with the load generator in relay mode (--meta-url: numbers and
# customers at "Meta", mirrored and linked on the cloud node, three status webhooks per message coming back
# through /webhooks/meta) for 30 s of warm-up and 60 s measured, and stops both.
#   bench/relay.sh LABEL RATE   -> report in /tmp/result-LABEL.txt, progress in /tmp/result-LABEL.err,
#                                  server logs in /tmp/bench-server-LABEL.log (cloud) and -meta.log
#   bench/relay.sh LABEL RATE minimal [LATENCY_MS]
#                               -> the same against the generator's minimal Meta on port 8081 instead of a
#                                  sandbox node (it answers each send after LATENCY_MS, default 0, and posts
#                                  the three statuses back): the cloud node measured alone
# Compare with `bench/run.sh LABEL h2 RATE` (the same load on one sandbox node) in alternating runs.
# BENCH_JAR, BENCH_JVM_ARGS, BENCH_SERVER_ARGS (cloud node only) and BENCH_LOAD_ARGS as for bench/run.sh.
set -u
if [ $# -lt 2 ]; then
  echo "usage: bench/relay.sh LABEL RATE [sandbox|minimal [LATENCY_MS]]" >&2
  exit 2
fi
META_KIND=${3:-sandbox}
cd "$(dirname "$0")/.."
CLASSES=$(mktemp -d /tmp/openwaba-bench-classes.XXXXXX)
trap 'rm -rf "$CLASSES"' EXIT
bench/compile.sh "$CLASSES" || exit 2
rm -rf /tmp/bench-data /tmp/bench-data-meta
JAR=${BENCH_JAR:-$(ls target/openwaba-*.jar | head -n 1)}
ADMIN_TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
VERIFY_TOKEN="bench-verify-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
if [ "$META_KIND" = minimal ]; then
  APP_SECRET="bench-app-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  META=
else
  java ${BENCH_JVM_ARGS:-} -jar "$JAR" --server.port=8081 --openwaba.data-dir=/tmp/bench-data-meta \
    --openwaba.admin.token=$ADMIN_TOKEN > /tmp/bench-server-$1-meta.log 2>&1 &
  META=$!
  for i in $(seq 1 60); do curl -sf localhost:8081/sandbox/ping >/dev/null && break; sleep 1; done
  # The cloud node verifies Meta's webhooks with the app secret of the Meta app: the demo business's at "Meta".
  APP_SECRET=$(curl -sf localhost:8081/sandbox/info | sed -n 's/.*"app_secret":"\([^"]*\)".*/\1/p')
fi
java ${BENCH_JVM_ARGS:-} -jar "$JAR" --server.port=8080 --openwaba.data-dir=/tmp/bench-data \
  --openwaba.network=cloud --openwaba.cloud.graph-url=http://127.0.0.1:8081 \
  --openwaba.cloud.app-secret=$APP_SECRET --openwaba.cloud.verify-token=$VERIFY_TOKEN \
  --openwaba.cloud.secret-key="bench-secret-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" \
  --openwaba.webhooks.allow-private-targets=true --openwaba.admin.token=$ADMIN_TOKEN ${BENCH_SERVER_ARGS:-} \
  > /tmp/bench-server-$1.log 2>&1 &
CLOUD=$!
for i in $(seq 1 60); do curl -s -o /dev/null localhost:8080/webhooks/meta && break; sleep 1; done
if [ "$META_KIND" = minimal ]; then
  META_ARGS="--minimal-meta 8081 --meta-app-secret $APP_SECRET --meta-latency ${4:-0}"
else
  META_ARGS="--meta-url http://localhost:8081 --meta-verify-token $VERIFY_TOKEN"
fi
java -cp "$CLASSES" io.openwaba.bench.SendLoad --base-url http://localhost:8080 $META_ARGS --rate $2 --duration 60 --warmup 30 --clients 128 --admin-token $ADMIN_TOKEN \
  ${BENCH_LOAD_ARGS:-} > /tmp/result-$1.txt 2>/tmp/result-$1.err
STATUS=$?
kill $CLOUD $META; wait $CLOUD $META 2>/dev/null
exit $STATUS
