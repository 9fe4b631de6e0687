#!/usr/bin/env bash
# Starts a fresh openwaba from target/ (run `mvn package -DskipTests` first) on H2 or on a
# fresh PostgreSQL database, drives it with bench/SendLoad.java for 60 s, and stops it.
#   bench/run.sh LABEL h2|pg RATE      -> report in /tmp/result-LABEL.txt
# BENCH_JVM_ARGS, BENCH_SERVER_ARGS and BENCH_LOAD_ARGS pass extra JVM options, application
# arguments and load generator options (java bench/SendLoad.java --help).
set -u
cd "$(dirname "$0")/.."
DB=""
rm -rf /tmp/bench-data
if [ "$2" = pg ]; then
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS openwaba_bench" -c "CREATE DATABASE openwaba_bench"
  DB="--openwaba.db.url=jdbc:postgresql://127.0.0.1:5432/openwaba_bench --openwaba.db.username=postgres"
fi
java ${BENCH_JVM_ARGS:-} -jar target/openwaba-*.jar --server.port=8080 ${BENCH_SERVER_ARGS:-} --openwaba.data-dir=/tmp/bench-data $DB > /tmp/bench-server-$1.log 2>&1 &
SERVER=$!
for i in $(seq 1 60); do curl -sf localhost:8080/sandbox/ping >/dev/null && break; sleep 1; done
java bench/SendLoad.java --base-url http://localhost:8080 --rate $3 --duration 60 --warmup 30 --ping-duration 10 --clients 128 ${BENCH_LOAD_ARGS:-} > /tmp/result-$1.txt 2>/tmp/result-$1.err
kill $SERVER; wait $SERVER 2>/dev/null
