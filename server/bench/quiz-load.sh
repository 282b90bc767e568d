#!/usr/bin/env bash
# Final-quiz load: OFFICERS officers start the cybersecurity quiz at once, answers are saved at
# the highest rate the server sustains for SAVE_SECONDS, SUBMISSIONS attempts are submitted;
# then the database is checked (acknowledged saves stored, each submission graded once).
# The release server runs on CPU 0, the load generator on CPU 1. Needs `make release`.
# DB=postgres runs it against a fresh database on the local PostgreSQL instead of SQLite;
# KILL_AFTER=SECONDS kills the server with SIGKILL that long after the start and restarts it.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q --release -p malaka-server --bin quiz-load
source .ci/lib-server.sh
if [ "${DB:-sqlite}" = postgres ]; then
  # A fresh database on the local PostgreSQL (started by .ci/with-postgres).
  admin=$(bash .ci/with-postgres)
  PGPASSWORD=malaka_test psql -q -h 127.0.0.1 -U malaka_test -d malaka_test -c "DROP DATABASE IF EXISTS malaka_bench" -c "CREATE DATABASE malaka_bench"
  export MALAKA_SERVER_DATABASE_URL="${admin%/*}/malaka_bench"
fi
start_server "${MALAKA_BENCH_PORT:-3400}" taskset -c 0
echo "database: ${SERVER_DATABASE_URL%%\?*}"
taskset -c 1 target/release/quiz-load "$SERVER_URL" "$SERVER_DATABASE_URL" \
  "${OFFICERS:-3000}" "${SAVE_SECONDS:-10}" "${SUBMISSIONS:-1000}" &
load=$!
if [ -n "${KILL_AFTER:-}" ]; then
  # Mid-run crash: saves in flight fail (not acknowledged), acknowledged ones must survive.
  sleep "$KILL_AFTER"
  echo "kill -9 the server after ${KILL_AFTER}s, then restart it"
  crash_and_restart_server
fi
wait $load
if grep -qi "database is locked" "$SERVER_LOG"; then echo "the server logged 'database is locked'" >&2; exit 1; fi
echo "server log: no 'database is locked'"
