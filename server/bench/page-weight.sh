#!/usr/bin/env bash
# Weighs a signed-in lesson page as a browser on a first visit downloads it (HTML, CSS, JS,
# WASM): raw, and as sent to a browser that accepts gzip, br and zstd (static files go out as
# brotli made at build time, pages as zstd). Checks the low-bandwidth budget: HTML + CSS
# <= 60 KB and JS + WASM <= 150 KB compressed. Exits non-zero when over budget.
set -euo pipefail
cd "$(dirname "$0")/../.."
source .ci/lib-server.sh
start_server "${MALAKA_BENCH_PORT:-3200}"
cookie=$(sign_in_cookie)
lesson=$(curl -s -H "Cookie: $cookie" "$SERVER_URL/courses/cybersecurity" | grep -o '/courses/cybersecurity/lessons/[a-z0-9-]*' | head -1)
page="$SERVER_URL$lesson"
html=$(curl -s -H "Cookie: $cookie; malaka_lang=en" "$page")
css=$(grep -o 'href="/pkg/[^"]*\.css"' <<<"$html" | head -1 | cut -d'"' -f2)
js=$(grep -o 'href="/pkg/[^"]*\.js"' <<<"$html" | head -1 | cut -d'"' -f2)
wasm=$(grep -o 'href="/pkg/[^"]*\.wasm"' <<<"$html" | head -1 | cut -d'"' -f2)

size() { curl -s -o /dev/null -w '%{size_download}' -H "Cookie: $cookie; malaka_lang=en" "$@"; }
printf '%-6s %-60s %10s %10s\n' kind url raw sent
declare -A brotli
for entry in "html $lesson" "css $css" "js $js" "wasm $wasm"; do
  read -r kind url <<<"$entry"
  raw=$(size "$SERVER_URL$url")
  br=$(size -H 'Accept-Encoding: gzip, deflate, br, zstd' "$SERVER_URL$url")
  brotli[$kind]=$br
  printf '%-6s %-60s %10d %10d\n' "$kind" "$url" "$raw" "$br"
done
document=$(( ${brotli[html]} + ${brotli[css]} ))
code=$(( ${brotli[js]} + ${brotli[wasm]} ))
echo "HTML + CSS: $document bytes as sent (budget 61440); JS + WASM: $code bytes as sent (budget 153600)"
[ "$document" -le 61440 ] && [ "$code" -le 153600 ] || { echo "OVER BUDGET" >&2; exit 1; }
