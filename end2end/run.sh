#!/usr/bin/env bash
# Runs the browser tests against the release build of the server, on a fresh SQLite database
# with the demo data, on its own port, with a real SMTP server on loopback (aiosmtpd) receiving
# its emails, and the catalog plus the test courses in end2end/fixtures/courses.
# Expects `make build` (or the unit tests and `make site`) to have run; the server binary is
# $MALAKA_SERVER_BIN (the Makefile passes the dev build).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib-server.sh

work=$(mktemp -d)
smtp_port=${MALAKA_E2E_SMTP_PORT:-2625}
python3 .ci/smtp-sink.py --port "$smtp_port" --dir "$work/mail" >/dev/null &
smtp_pid=$!
for _ in $(seq 1 50); do (echo >/dev/tcp/127.0.0.1/"$smtp_port") 2>/dev/null && break; sleep 0.1; done
mkdir -p "$work/catalog"
cp -r courses/catalog/* end2end/fixtures/courses/* "$work/catalog/"
export MALAKA_CATALOG_DIR="$work/catalog"
export MALAKA_SMTP_URL="smtp://127.0.0.1:$smtp_port"
export MALAKA_E2E_MAIL_DIR="$work/mail"

start_server "${MALAKA_E2E_PORT:-3100}"
# start_server's EXIT trap stops the server; stop the SMTP server and clean up as well.
trap 'stop_server; kill $smtp_pid 2>/dev/null || true; rm -rf "$work"' EXIT
if ! MALAKA_BASE_URL="$SERVER_URL" npm test --prefix end2end; then
  echo "---- server log ----"; tail -n 50 "$SERVER_LOG"; exit 1
fi
