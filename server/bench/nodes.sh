#!/usr/bin/env bash
# Throughput with 1, 2 and 3 nodes on one PostgreSQL behind nginx (release build): a signed-in
# lesson page with wrk, and the final-quiz load (starts, saves, submissions) with quiz-load,
# each through nginx. On this 2-core machine the nodes, PostgreSQL, nginx and the load
# generator share two cores, so the figures show that ceiling, not what more machines give.
# Needs `make release`, nginx and PostgreSQL (`make test` installs them).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=target/release/malaka-server
LOAD=target/release/quiz-load
duration=${BENCH_SECONDS:-10}
work=$(mktemp -d)
cleanup() {
  for pid_file in "$work"/*.pid; do [ -f "$pid_file" ] && kill "$(cat "$pid_file")" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
admin=$(bash .ci/with-postgres)
"$BIN" keys generate --out "$work/keys.toml" >/dev/null
psql_test() { PGPASSWORD=malaka_test psql -q -X -t -A -h 127.0.0.1 -U malaka_test "$@"; }

for nodes in 1 2 3; do
  psql_test -d malaka_test -c "DROP DATABASE IF EXISTS malaka_nodes" -c "CREATE DATABASE malaka_nodes"
  database_url="${admin%/*}/malaka_nodes"
  upstreams=""
  for n in $(seq 1 "$nodes"); do
    DATABASE_URL="$database_url" MALAKA_KEYS_FILE="$work/keys.toml" MALAKA_TRUSTED_PROXIES=127.0.0.1 \
      MALAKA_PUBLIC_URL=http://127.0.0.1:8089 LEPTOS_SITE_ADDR="127.0.0.1:340$n" \
      LEPTOS_SITE_ROOT=target/site RUST_LOG=warn "$BIN" >>"$work/node$n.log" 2>&1 &
    echo $! >"$work/node$n.pid"
    upstreams="$upstreams server 127.0.0.1:340$n;"
    until curl -sf "http://127.0.0.1:340$n/readyz" >/dev/null; do sleep 0.2; done
  done
  cat >"$work/nginx.conf" <<EOF
user $(id -un);
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $work/nginx-body;
    proxy_temp_path $work/nginx-proxy;
    upstream malaka_nodes { $upstreams keepalive 64; }
    server {
        listen 127.0.0.1:8089;
        location / {
            proxy_pass http://malaka_nodes;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
        }
    }
}
EOF
  nginx -p "$work" -c "$work/nginx.conf"
  echo "== $nodes node(s)"
    MALAKA_KEYS_FILE="$work/keys.toml" "$LOAD" http://127.0.0.1:8089 "$database_url" \
    "${OFFICERS:-1000}" "${SAVE_SECONDS:-8}" "${SUBMISSIONS:-300}" | grep -E 'start quiz|save answer|submit|verify'
  # One of the officers quiz-load made (their password is quiz-load's "load-test") signs in.
  email=$(psql_test -d malaka_nodes -c "SELECT email FROM users WHERE email LIKE 'load-%' LIMIT 1")
  cookie=$(curl -s -o /dev/null -D - -H 'Origin: http://127.0.0.1:8089' -H 'Accept: text/html' \
    --data-urlencode "email=$email" --data-urlencode "password=load-test" \
    http://127.0.0.1:8089/api/sign-in | grep -i '^set-cookie: malaka_session=' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')
  if [ -n "$cookie" ]; then
    lesson=$(curl -s -H "Cookie: $cookie" http://127.0.0.1:8089/courses/cybersecurity | grep -o '/courses/cybersecurity/lessons/[a-z0-9-]*' | head -1)
    wrk --latency -t2 -c256 -d"${duration}s" -H "Cookie: $cookie" -H 'Accept-Encoding: gzip, zstd' \
      "http://127.0.0.1:8089$lesson" | grep -E 'Requests/sec|^ +99%|Non-2xx|Socket errors' | sed 's/^/  lesson page: /'
  fi
  kill "$(cat "$work/nginx.pid")"; rm -f "$work/nginx.pid"
  for n in $(seq 1 "$nodes"); do kill "$(cat "$work/node$n.pid")"; rm -f "$work/node$n.pid"; done
  sleep 1
done
