#!/usr/bin/env bash
# Certificate figures: PDF generation time and size, and outbox throughput to a local SMTP server
# (aiosmtpd, .ci/smtp-sink.py) for COMPLETIONS completions on a fresh SQLite database
# (DB=postgres: a fresh database on the local PostgreSQL). Writes a sample PDF and its PNG
# rendering to target/certificate-sample.{pdf,png}.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q --release -p malaka-server --bin certificate-bench
work=$(mktemp -d)
port=${MALAKA_BENCH_SMTP_PORT:-2626}
python3 .ci/smtp-sink.py --port "$port" --dir "$work/mail" >/dev/null &
sink=$!
trap 'kill $sink 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
database="sqlite://$work/bench.db?mode=rwc"
if [ "${DB:-sqlite}" = postgres ]; then
  admin=$(bash .ci/with-postgres)
  PGPASSWORD=malaka_test psql -q -h 127.0.0.1 -U malaka_test -d malaka_test -c "DROP DATABASE IF EXISTS malaka_cert_bench" -c "CREATE DATABASE malaka_cert_bench"
  database="${admin%/*}/malaka_cert_bench"
fi
echo "database: ${database%%\?*}"
RUST_LOG=warn target/release/certificate-bench "smtp://127.0.0.1:$port" "$database" \
  "${COMPLETIONS:-1000}" target/certificate-sample.pdf
echo "SMTP server stored $(ls "$work/mail" | wc -l) messages"
if command -v pdftoppm >/dev/null; then
  pdftoppm -png -r 60 -singlefile target/certificate-sample.pdf target/certificate-sample
  echo "rendered target/certificate-sample.png"
fi
