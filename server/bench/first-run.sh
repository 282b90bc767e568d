#!/usr/bin/env bash
# Measures what a newcomer waits for: from `git clone` to the first page served by `make run`,
# on this machine, with an empty cargo home (no registry cache, no installed cargo tools), an
# empty target directory and no npm packages. Prints each step's minutes and the total.
#   bash server/bench/first-run.sh            # clones the current commit into a scratch folder
# Rust (rustup), Node.js/npm and Python must be installed; apt packages are not needed for
# `make run`. Takes about as long as it measures; nothing outside the scratch folder changes.
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch=$(mktemp -d /tmp/malaka-first-run.XXXXXX)
port=${MALAKA_FIRST_RUN_PORT:-3400}
source_tree=$PWD
# A new home: an empty cargo home (no registry cache, no cargo tools) and an empty npm cache, as
# on a fresh machine. The Rust toolchain stays where rustup installed it, and the new cargo home
# gets rustup's proxies (cargo, rustc, ...), as rustup's installer puts them there.
export RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup}
rustup_bin=$(dirname "$(command -v rustup)")
export HOME="$scratch/home"
export CARGO_HOME="$HOME/.cargo"
export CARGO_INCREMENTAL=0
mkdir -p "$CARGO_HOME/bin"
for tool in rustup cargo rustc rustdoc rustfmt cargo-fmt cargo-clippy clippy-driver; do
  if [ -e "$rustup_bin/$tool" ]; then ln -s "$rustup_bin/$tool" "$CARGO_HOME/bin/$tool"; fi
done
PATH="$CARGO_HOME/bin:$(tr ':' '\n' <<<"$PATH" | grep -vxF "$rustup_bin" | paste -sd:)"
export PATH

started=$(date +%s)
last=$started
step_done() {
  local now; now=$(date +%s)
  printf '%-44s %6.1f min\n' "$1" "$(awk -v s=$((now - last)) 'BEGIN { print s / 60 }')" | tee -a "$scratch/steps.txt"
  last=$now
}

git clone -q "$source_tree" "$scratch/malaka"
step_done "git clone"
cd "$scratch/malaka"
bash .ci/install-tools run >"$scratch/install.log" 2>&1
step_done "install tools (wasm-bindgen-cli, npm)"
make -s server >"$scratch/server.log" 2>&1
step_done "compile the server (dev profile)"
make -s site >"$scratch/site.log" 2>&1
step_done "build the site (wasm, JS, CSS)"
MALAKA_DEMO=1 LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_ADDR="127.0.0.1:$port" \
  DATABASE_URL="sqlite://$scratch/malaka.db?mode=rwc" target/debug/malaka-server >"$scratch/run.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
until curl -fs "http://127.0.0.1:$port/sign-in" >/dev/null; do
  kill -0 "$server" 2>/dev/null || { cat "$scratch/run.log"; exit 1; }
  sleep 0.5
done
step_done "migrate, load catalog and demo, first page"
printf '%-44s %6.1f min\n' "total: git clone to first page" "$(awk -v s=$(($(date +%s) - started)) 'BEGIN { print s / 60 }')"
echo "logs in $scratch (delete it when done)"
