#!/usr/bin/env bash
# Final-quiz load: OFFICERS officers start the cybersecurity quiz at once, answers are saved at
# the highest rate the server sustains for SAVE_SECONDS, SUBMISSIONS attempts are submitted;
# then the database is checked (acknowledged saves stored, each submission graded once).
# The release server runs on CPU 0, the load generator on CPU 1. Needs `make build`.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q --release -p malaka-server --bin quiz-load
source .ci/lib-server.sh
start_server "${MALAKA_BENCH_PORT:-3400}" taskset -c 0
taskset -c 1 target/release/quiz-load "$SERVER_URL" "sqlite://$SERVER_DIR/malaka.db?mode=rwc" \
  "${OFFICERS:-3000}" "${SAVE_SECONDS:-10}" "${SUBMISSIONS:-1000}"
if grep -qi "database is locked" "$SERVER_LOG"; then echo "the server logged 'database is locked'" >&2; exit 1; fi
echo "server log: no 'database is locked'"
