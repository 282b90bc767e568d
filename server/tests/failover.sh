#!/usr/bin/env bash
# The failover test: three Malaka nodes on one PostgreSQL behind nginx (the shipped
# server/deploy/nginx-malaka.conf), with a real SMTP server. The final-quiz load (starts, saves,
# submissions; quiz-load) runs through nginx while officers ask for password-reset emails; mid-run
# one node is killed with SIGKILL and another gets a rolling restart (SIGTERM, start again).
# Then it checks: no acknowledged answer lost and every submission graded once (quiz-load's own
# check), every email sent and none with two Message-IDs, every periodic job ran and no claim is
# left behind, and it prints what clients saw (requests retried, errors) and the recovery times.
#
# Usage: bash server/tests/failover.sh   (needs target/debug/malaka-server and quiz-load, the
# site in target/site, nginx, PostgreSQL and aiosmtpd: `make test` provides them all)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${MALAKA_SERVER_BIN:-target/debug/malaka-server}
LOAD=${QUIZ_LOAD_BIN:-target/debug/quiz-load}
OFFICERS=${OFFICERS:-240}
SAVE_SECONDS=${SAVE_SECONDS:-14}
SUBMISSIONS=${SUBMISSIONS:-160}
RESETS=${RESETS:-120}
PROXY=http://127.0.0.1:8088
SMTP_PORT=2627
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for n in 1 2 3; do [ -f "$work/node$n.pid" ] && kill "$(cat "$work/node$n.pid")" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  if [ "${KEEP_FAILOVER_LOGS:-}" = "" ]; then rm -rf "$work"; else echo "logs kept in $work"; fi
}
trap cleanup EXIT
fail() { echo "FAILOVER FAILED: $*" >&2; for n in 1 2 3; do echo "--- node $n log (tail)"; tail -20 "$work/node$n.log" >&2 || true; done; exit 1; }
psql_test() { PGPASSWORD=malaka_test psql -q -X -t -A -h 127.0.0.1 -U malaka_test "$@"; }

admin=$(bash .ci/with-postgres)
psql_test -d malaka_test -c "DROP DATABASE IF EXISTS malaka_failover" -c "CREATE DATABASE malaka_failover"
export DATABASE_URL="${admin%/*}/malaka_failover"
"$BIN" keys generate --out "$work/keys.toml" >/dev/null
mkdir -p "$work/mail"
python3 .ci/smtp-sink.py --port "$SMTP_PORT" --dir "$work/mail" >"$work/smtp.log" 2>&1 &
pids+=($!)

# The variables of server/deploy/malaka.env, with this machine's addresses.
start_node() {
  local n=$1
  env DATABASE_URL="$DATABASE_URL" MALAKA_KEYS_FILE="$work/keys.toml" \
    MALAKA_TRUSTED_PROXIES=127.0.0.1 MALAKA_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" \
    MALAKA_MAIL_RETRY_SECONDS=1 MALAKA_METRICS_ADDR="127.0.0.1:920$n" MALAKA_LOG_FORMAT=json \
    MALAKA_PUBLIC_URL="$PROXY" LEPTOS_SITE_ADDR="127.0.0.1:310$n" LEPTOS_SITE_ROOT=target/site \
    RUST_LOG=info "$BIN" >>"$work/node$n.log" 2>&1 &
  echo $! >"$work/node$n.pid"
}
wait_ready() {
  local n=$1 started=$SECONDS
  until curl -sf "http://127.0.0.1:310$n/readyz" >/dev/null; do
    [ $((SECONDS - started)) -lt 120 ] || fail "node $n not ready after 120 s"
    kill -0 "$(cat "$work/node$n.pid")" 2>/dev/null || fail "node $n exited at start"
    sleep 0.2
  done
}
# All three start together on the new database (one migrates, the others wait).
for n in 1 2 3; do start_node "$n"; done
for n in 1 2 3; do wait_ready "$n"; done
echo "three nodes ready"

cat >"$work/nginx.conf" <<EOF
user $(id -un);
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 2048; }
http {
    access_log $work/nginx-access.log;
    client_body_temp_path $work/nginx-body;
    proxy_temp_path $work/nginx-proxy;
    include $PWD/server/deploy/nginx-malaka.conf;
}
EOF
nginx -p "$work" -c "$work/nginx.conf"
curl -sf "$PROXY/readyz" >/dev/null || fail "nginx does not reach the nodes"

# The load, through nginx.
MALAKA_KEYS_FILE="$work/keys.toml" "$LOAD" "$PROXY" "$DATABASE_URL" "$OFFICERS" "$SAVE_SECONDS" "$SUBMISSIONS" \
  >"$work/load.log" 2>&1 &
load=$!
until grep -q "start quiz" "$work/load.log"; do
  kill -0 $load 2>/dev/null || { cat "$work/load.log"; fail "the load ended before its saves"; }
  sleep 0.1
done
# Password-reset emails for officers the load created, each from its own address, during saves.
psql_test -d malaka_failover -c "SELECT email FROM users WHERE email LIKE 'load-%' ORDER BY id LIMIT $RESETS" >"$work/emails"
(
  i=0
  while read -r email; do
    i=$((i + 1))
    # A form post without JavaScript; a 502 (the node died with it in hand) is sent again, as
    # the person would press the button again.
    for try in 1 2 3 4 5; do
      code=$(curl -s -o /dev/null -w "%{http_code}" -X POST "$PROXY/api/request-password-reset" \
        -H "Origin: $PROXY" -H "Accept: text/html" \
        -H "X-Forwarded-For: 198.51.$((i / 250)).$((i % 250 + 1))" \
        --data-urlencode "email=$email" || echo 000)
      case $code in 502|503|504|000) echo "retried $code" >>"$work/resets.log"; sleep 0.2 ;; *) break ;; esac
    done
    echo "$code" >>"$work/resets.log"
  done <"$work/emails"
) &
resets=$!

sleep 3
echo "kill -9 node 1, mid-run"
kill -9 "$(cat "$work/node1.pid")"
sleep 3
echo "rolling restart of node 2: SIGTERM, then start again"
stop_began=$SECONDS
kill -TERM "$(cat "$work/node2.pid")"
while kill -0 "$(cat "$work/node2.pid")" 2>/dev/null; do
  [ $((SECONDS - stop_began)) -lt 60 ] || fail "node 2 did not stop within 60 s of SIGTERM"
  sleep 0.1
done
stopped_in=$((SECONDS - stop_began))
grep -q '"stopped"' "$work/node2.log" || fail "node 2 did not stop gracefully"
restart_began=$SECONDS
start_node 2
wait_ready 2
echo "node 2: stopped gracefully in ${stopped_in}s, ready again in $((SECONDS - restart_began))s"

wait $resets
load_ok=0
wait $load || load_ok=$?
cat "$work/load.log"
[ "$load_ok" = 0 ] || fail "the load's own check failed (an acknowledged answer lost or a submission not graded once)"
echo "node 1 back after the run"
start_node 1
wait_ready 1

# Emails: every reset request answered, every message sent once with one Message-ID.
bad_resets=$(grep -v '^retried' "$work/resets.log" | grep -vc '^303$\|^302$' || true)
retried_resets=$(grep -c '^retried' "$work/resets.log" || true)
[ "$bad_resets" = 0 ] || fail "$bad_resets password-reset requests were not answered with a redirect"
waited=0
until [ "$(psql_test -d malaka_failover -c "SELECT COUNT(*) FROM outbox WHERE status <> 'sent'")" = 0 ]; do
  waited=$((waited + 1))
  # A batch the killed node had claimed goes again when its claim ends (two minutes).
  [ $waited -lt 900 ] || fail "emails still waiting in the outbox after 180 s"
  sleep 0.2
done
sent=$(psql_test -d malaka_failover -c "SELECT COUNT(*) FROM outbox WHERE status = 'sent'")
files=$(find "$work/mail" -name '*.eml' | wc -l)
distinct=$(cat "$work"/mail/*.eml | grep -i '^Message-ID:' | sort -u | wc -l)
[ "$sent" -ge "$RESETS" ] || fail "$sent emails sent, expected at least $RESETS"
[ "$distinct" = "$sent" ] || fail "$sent emails sent but $distinct distinct Message-IDs received"
echo "password resets: $RESETS asked, $retried_resets sent again after a 502"
echo "emails: $sent sent, $files delivered, $distinct distinct Message-IDs ($((files - sent)) delivered twice with the same Message-ID, by the node killed between the SMTP server's answer and its record)"

# Jobs: each ran (once per due pass across the cluster) and no claim is left behind.
jobs=$(psql_test -d malaka_failover -c "SELECT COUNT(*) FROM scheduled_jobs WHERE runs >= 1")
held=$(psql_test -d malaka_failover -c "SELECT COUNT(*) FROM scheduled_jobs WHERE holder IS NOT NULL")
runs=$(psql_test -d malaka_failover -c "SELECT string_agg(name || '=' || runs, ' ') FROM scheduled_jobs")
[ "$jobs" = 3 ] || fail "only $jobs of 3 periodic jobs ran: $runs"
twice=$(psql_test -d malaka_failover -c "SELECT COUNT(*) FROM scheduled_jobs WHERE runs > 1")
[ "$twice" = 0 ] || fail "a pass ran more than once within its hour: $runs"
[ "$held" = 0 ] || fail "$held job claims left behind"
echo "jobs: $runs (once each across three nodes and two restarts)"

# What clients saw through nginx, and the nodes' metrics after the run.
errors=$(awk '$9 >= 500' "$work/nginx-access.log" | wc -l)
total=$(wc -l <"$work/nginx-access.log")
echo "nginx: $total requests answered, $errors with a 5xx status (POSTs in flight on the killed node; the client sent them again)"
curl -sf http://127.0.0.1:9203/metrics | grep -q '^malaka_http_requests_total' || fail "node 3 serves no metrics"
echo "failover test passed"
