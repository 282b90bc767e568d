# Sourced by the browser tests and the benchmarks: starts the server on a fresh SQLite database
# with the demo data, waits until it answers, and stops it on exit. The binary is
# $MALAKA_SERVER_BIN: the browser tests use the dev build that the unit tests already compiled,
# the benchmarks the release build (target/release/malaka-server, the default).
#   start_server PORT [command prefix, e.g. "taskset -c 0"]
# Sets SERVER_URL, SERVER_LOG and SERVER_DATABASE_URL (MALAKA_SERVER_DATABASE_URL overrides the
# fresh SQLite file, e.g. to run against PostgreSQL).
SERVER_BIN=${MALAKA_SERVER_BIN:-target/release/malaka-server}
start_server() {
  local port=$1; shift
  SERVER_PREFIX=("$@")
  SERVER_DIR=$(mktemp -d)
  SERVER_LOG="$SERVER_DIR/server.log"
  SERVER_URL="http://127.0.0.1:$port"
  SERVER_DATABASE_URL=${MALAKA_SERVER_DATABASE_URL:-"sqlite://$SERVER_DIR/malaka.db?mode=rwc"}
  DATABASE_URL="$SERVER_DATABASE_URL" MALAKA_DEMO=1 LEPTOS_SITE_ADDR="127.0.0.1:$port" \
    LEPTOS_SITE_ROOT=target/site RUST_LOG=${RUST_LOG:-warn} "$@" "$SERVER_BIN" >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  trap stop_server EXIT
  for _ in $(seq 1 120); do
    curl -fs "$SERVER_URL/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SERVER_LOG"; return 1; }
    sleep 0.5
  done
  echo "the server did not answer within a minute" >&2
  return 1
}

# Kills the server with SIGKILL (no chance to flush anything) and starts it again on the same
# database and port, with the same command prefix.
crash_and_restart_server() {
  kill -9 "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  DATABASE_URL="$SERVER_DATABASE_URL" MALAKA_DEMO=1 LEPTOS_SITE_ADDR="${SERVER_URL#http://}" \
    LEPTOS_SITE_ROOT=target/site RUST_LOG=${RUST_LOG:-warn} "${SERVER_PREFIX[@]}" "$SERVER_BIN" >>"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "$SERVER_URL/healthz" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  return 1
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$SERVER_DIR"
}

# Prints a session cookie ("malaka_session=...") for the demo officer.
sign_in_cookie() {
  curl -s -o /dev/null -D - -H 'Origin: '"$SERVER_URL" -H 'Accept: text/html' \
    --data-urlencode "email=${1:-officer@demo.malaka.uz}" --data-urlencode "password=malaka-demo" \
    "$SERVER_URL/api/sign-in" | grep -i '^set-cookie: malaka_session=' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/'
}
