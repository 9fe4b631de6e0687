#!/usr/bin/env bash
# Starts a fresh openwaba from target/ (run `mvn package -DskipTests` first) on H2 or on a
# fresh PostgreSQL database, drives it with the load generator for 30 s of warm-up and 60 s measured, and
# stops it. The load generator's sources are in bench/src (package io.openwaba.bench: options, setup and
# modes; client, receiver, stats, report, json, shared), JDK only; this script compiles them with javac into a
# temporary directory first and stops with exit code 2 when they do not compile.
#   bench/run.sh LABEL h2|pg RATE      -> report in /tmp/result-LABEL.txt, progress in
#                                         /tmp/result-LABEL.err, server log in /tmp/bench-server-LABEL.log
# The default (foundation) mode sends text replies inside open customer service windows, spread
# over 16 numbers and 10,000 (number, customer) pairs so that no number-health limit is reached.
#   BENCH_LOAD_ARGS="--mode templates" bench/run.sh LABEL h2|pg RATE
# sends the demo template outside any window, each send to a new customer, from two numbers at
# TIER_100K with 1,000 messages/s throughput each (RATE x 90 s must stay within 100,000).
# Each run starts the server with a new random admin token (openwaba.admin.token) and gives it
# to the load generator, which registers the numbers and sets their limits with it.
# BENCH_JVM_ARGS, BENCH_SERVER_ARGS and BENCH_LOAD_ARGS pass extra JVM options, application
# arguments and load generator options (bench/load.sh --help; bench/load.sh also runs it against a
# server started by hand); BENCH_JAR runs another build than target/openwaba-*.jar (a copy, say,
# while target/ is being rebuilt).
set -u
if [ $# -lt 3 ] || { [ "$2" != h2 ] && [ "$2" != pg ]; }; then
  echo "usage: bench/run.sh LABEL h2|pg RATE" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
CLASSES=$(mktemp -d /tmp/openwaba-bench-classes.XXXXXX)
trap 'rm -rf "$CLASSES"' EXIT
bench/compile.sh "$CLASSES" || exit 2
DB=""
rm -rf /tmp/bench-data
if [ "$2" = pg ]; then
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS openwaba_bench" -c "CREATE DATABASE openwaba_bench"
  DB="--openwaba.db.url=jdbc:postgresql://127.0.0.1:5432/openwaba_bench --openwaba.db.username=postgres"
fi
ADMIN_TOKEN="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
java ${BENCH_JVM_ARGS:-} -jar ${BENCH_JAR:-target/openwaba-*.jar} --server.port=8080 ${BENCH_SERVER_ARGS:-} --openwaba.data-dir=/tmp/bench-data --openwaba.admin.token=$ADMIN_TOKEN $DB > /tmp/bench-server-$1.log 2>&1 &
SERVER=$!
for i in $(seq 1 60); do curl -sf localhost:8080/sandbox/ping >/dev/null && break; sleep 1; done
java -cp "$CLASSES" io.openwaba.bench.SendLoad --base-url http://localhost:8080 --rate $3 --duration 60 --warmup 30 --ping-duration 10 --clients 128 --admin-token $ADMIN_TOKEN ${BENCH_LOAD_ARGS:-} > /tmp/result-$1.txt 2>/tmp/result-$1.err
STATUS=$?
kill $SERVER; wait $SERVER 2>/dev/null
exit $STATUS
