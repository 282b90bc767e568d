#!/usr/bin/env bash
# Runs the browser tests against the release build of the server, on a fresh SQLite database
# with the demo data, on its own port. Expects `cargo leptos build --release` to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib-server.sh
start_server "${MALAKA_E2E_PORT:-3100}"
if ! MALAKA_BASE_URL="$SERVER_URL" npm test --prefix end2end; then
  echo "---- server log ----"; tail -n 50 "$SERVER_LOG"; exit 1
fi
