#!/usr/bin/env bash
# HR report figures at scale: seeds PEOPLE people (default 100,000: about 2,000,000 lesson
# progress rows) into a fresh SQLite database (DB=postgres: a fresh database on the local
# PostgreSQL), then times the dashboard's queries and full CSV and XLSX exports.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q --release -p malaka-server --bin report-bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
database="sqlite://$work/bench.db?mode=rwc"
if [ "${DB:-sqlite}" = postgres ]; then
  admin=$(bash .ci/with-postgres)
  PGPASSWORD=malaka_test psql -q -h 127.0.0.1 -U malaka_test -d malaka_test -c "DROP DATABASE IF EXISTS malaka_report_bench" -c "CREATE DATABASE malaka_report_bench"
  database="${admin%/*}/malaka_report_bench"
fi
echo "database: ${database%%\?*}"
RUST_LOG=warn target/release/report-bench "$database" "${PEOPLE:-100000}"
