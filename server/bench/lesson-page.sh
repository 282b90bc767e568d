#!/usr/bin/env bash
# Throughput and latency of a signed-in lesson page: the release server pinned to one core,
# wrk on the other, 50 and 256 concurrent connections. Needs `make release` and Debian's wrk.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/lib-server.sh
duration=${BENCH_SECONDS:-15}
start_server "${MALAKA_BENCH_PORT:-3300}" taskset -c 0
cookie=$(sign_in_cookie)
lesson=$(curl -s -H "Cookie: $cookie" "$SERVER_URL/courses/cybersecurity" | grep -o '/courses/cybersecurity/lessons/[a-z0-9-]*' | head -1)
curl -fs -o /dev/null -H "Cookie: $cookie" "$SERVER_URL$lesson"
echo "lesson page: $lesson (server on CPU 0, wrk on CPU 1, ${duration}s per run)"
for connections in 50 256; do
  echo "== $connections connections"
  taskset -c 1 wrk --latency -t1 -c"$connections" -d"${duration}s" -H "Cookie: $cookie" -H 'Accept-Encoding: gzip, deflate, br, zstd' "$SERVER_URL$lesson" \
    | grep -E 'Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors'
done
