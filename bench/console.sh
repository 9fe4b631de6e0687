#!/usr/bin/env bash
# The chat center's reading paths on PostgreSQL, against a fresh openwaba from target/ (run
# `mvn package -DskipTests` first) on a fresh database: it seeds the demo business with one
# conversation of 5,000 messages and 100,000 more conversations (straight into the tables, with
# psql), signs in as the demo operator, and times each page with curl, after a warm-up:
#   open      GET /console/conversations/{id}               the 5,000-message conversation
#   page back GET /console/conversations/{id}/messages?before=  50 messages further back
#   filter    GET /console/conversations?view=queue          the queue's among 100,000
#   search    GET /console/conversations?q=…                 a name fragment among 100,000
#   empty     GET /sandbox/ping                              the empty endpoint, for the ratio
#   bench/console.sh LABEL [ROUNDS]   -> medians and p95 in /tmp/result-console-LABEL.txt
set -u
cd "$(dirname "$0")/.."
LABEL=${1:?usage: bench/console.sh LABEL [ROUNDS]}
ROUNDS=${2:-40}
DBNAME=openwaba_bench_console
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $DBNAME" -c "CREATE DATABASE $DBNAME"
rm -rf /tmp/bench-console-data
java ${BENCH_JVM_ARGS:-} -jar ${BENCH_JAR:-target/openwaba-*.jar} --server.port=8080 --openwaba.data-dir=/tmp/bench-console-data \
  --openwaba.db.url=jdbc:postgresql://127.0.0.1:5432/$DBNAME --openwaba.db.username=postgres \
  > /tmp/bench-server-console-$LABEL.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
for i in $(seq 1 180); do curl -sf localhost:8080/sandbox/ping >/dev/null && break; sleep 1; done
. bench/console-session.sh
BUSINESS=$(demo '["business_id"]'); NUMBER=$(demo '["phone_number_id"]'); WABA=$(demo '["waba_id"]')
CONVERSATION=900000000000001
psql -h 127.0.0.1 -U postgres -q -d $DBNAME <<SQL
INSERT INTO messaging_message (wamid, direction, phone_number_id, waba_id, wa_id, type, payload, status,
    conversation_id, created_at, updated_at)
SELECT 'wamid.bench' || g, CASE WHEN g % 2 = 0 THEN 'IN' ELSE 'OUT' END, '$NUMBER', '$WABA', '4915100000001', 'text',
    CASE WHEN g % 2 = 0 THEN '{"body":"Customer message ' || g || ', is my order ready?"}'
         ELSE '{"type":"text","text":{"body":"Answer ' || g || ': *yes*, it ships _today_.","preview_url":false}}' END,
    CASE WHEN g % 2 = 0 THEN 'received' ELSE 'read' END, 'bench', now() - (5000 - g) * interval '1 minute', now()
FROM generate_series(1, 5000) g;
INSERT INTO inbox_conversation (id, business_id, phone_number_id, wa_id, customer_name, status, owner_kind,
    last_message_at, last_message_text, unread, created_at)
VALUES ('$CONVERSATION', '$BUSINESS', '$NUMBER', '4915100000001', 'Bench Customer', 'PENDING', 'QUEUE', now(),
    'Customer message 5000', 0, now());
INSERT INTO inbox_conversation (id, business_id, phone_number_id, wa_id, customer_name, status, owner_kind,
    last_message_at, last_message_text, unread, created_at)
SELECT '8' || lpad(g::text, 14, '0'), '$BUSINESS', '$NUMBER', (491600000000 + g)::text, 'Customer ' || md5(g::text),
    (ARRAY['OPEN', 'PENDING', 'RESOLVED', 'SNOOZED'])[g % 4 + 1], (ARRAY['QUEUE', 'BOT', 'OPERATOR'])[g % 3 + 1],
    now() - g * interval '1 second', 'message ' || md5((g * 7)::text), g % 5, now()
FROM generate_series(1, 100000) g;
ANALYZE;
SQL
JAR=$(mktemp); trap 'rm -f "$JAR"; kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
sign_in "$JAR"
BEFORE=$(psql -h 127.0.0.1 -U postgres -d $DBNAME -tA -c "SELECT id FROM messaging_message WHERE wamid = 'wamid.bench4951'")
SEARCH=$(psql -h 127.0.0.1 -U postgres -d $DBNAME -tA -c "SELECT substr(customer_name, 10, 6) FROM inbox_conversation WHERE id = '800000000077777'")
declare -A PATHS=(
  [open]="/console/conversations/$CONVERSATION"
  [pageback]="/console/conversations/$CONVERSATION/messages?before=$BEFORE"
  [filter]="/console/conversations?view=queue"
  [search]="/console/conversations?q=$SEARCH"
  [empty]="/sandbox/ping")
for name in open pageback filter search empty; do
  status=$(curl -s -o /tmp/bench-console-page.html -w '%{http_code}' -b "$JAR" "localhost:8080${PATHS[$name]}")
  [ "$status" = 200 ] || { echo "$name answered $status" >&2; exit 1; }
done
grep -c 'data-test="message"' /tmp/bench-console-page.html >/dev/null 2>&1
: > /tmp/result-console-$LABEL.txt
for name in open pageback filter search empty; do
  for i in $(seq 1 10); do curl -s -o /dev/null -b "$JAR" "localhost:8080${PATHS[$name]}"; done
  times=$(for i in $(seq 1 "$ROUNDS"); do curl -s -o /dev/null -w '%{time_total}\n' -b "$JAR" "localhost:8080${PATHS[$name]}"; done | sort -n)
  median=$(awk '{a[NR]=$1} END {print a[int((NR+1)/2)] * 1000}' <<<"$times")
  p95=$(awk '{a[NR]=$1} END {print a[int(NR*0.95)] * 1000}' <<<"$times")
  printf '%-9s median %7.1f ms   p95 %7.1f ms   (%s)\n' "$name" "$median" "$p95" "${PATHS[$name]}" | tee -a /tmp/result-console-$LABEL.txt
done
echo "messages on the opened page: $(curl -s -b "$JAR" "localhost:8080${PATHS[open]}" | grep -c 'data-test="message"'); on the page back: $(curl -s -b "$JAR" "localhost:8080${PATHS[pageback]}" | grep -c 'data-test="message"'); conversations listed by the search: $(curl -s -b "$JAR" "localhost:8080${PATHS[search]}" | grep -c 'data-test="conversation"')" | tee -a /tmp/result-console-$LABEL.txt
