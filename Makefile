# Malaka: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
# wasm-opt comes from npm's binaryen (Debian's is too old to produce a wasm that hydrates).
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test build site server release lint unit-tests postgres-tests failover e2e bench bench-quiz bench-certificates bench-reports page-weight

## Build and serve http://127.0.0.1:3000 on an embedded SQLite file, with the demo accounts.
run:
	bash .ci/install-tools run
	$(MAKE) build
	MALAKA_DEMO=1 LEPTOS_SITE_ROOT=target/site target/debug/malaka-server

## Every test: formatting, lints, unit and integration tests on SQLite and PostgreSQL,
## and the browser tests in Chromium against the dev build the unit tests compiled.
test:
	bash .ci/install-tools test
	$(MAKE) lint unit-tests postgres-tests site failover e2e page-weight

## The server (dev profile: its arithmetic-heavy dependencies are optimised, see Cargo.toml)
## and the site's hashed, brotli-compressed JS, WASM and CSS.
build: server site

server:
	@echo "== [$$(date +%H:%M:%S)] compiling the server (cold: about 6 minutes; after a change: about a minute)"
	cargo build --locked -p malaka-server --bin malaka-server

site:
	bash .ci/build-site

## The optimised server for production and the benchmarks (cold: about 23 minutes on 2 cores).
release: site
	cargo build --locked --release -p malaka-server --bins

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p malaka-app --no-default-features --features hydrate --target wasm32-unknown-unknown -- -D warnings

unit-tests:
	cargo test --workspace
	cargo run -q -p malaka-server -- courses check --strict

postgres-tests:
	MALAKA_TEST_POSTGRES_URL=$$(bash .ci/with-postgres) cargo test -p malaka-server --test integration

## Three nodes on PostgreSQL behind nginx: quiz load while one node is killed and another
## restarted (uses the dev binaries the unit tests built).
failover:
	MALAKA_SERVER_BIN=target/debug/malaka-server QUIZ_LOAD_BIN=target/debug/quiz-load bash server/tests/failover.sh

e2e:
	MALAKA_SERVER_BIN=target/debug/malaka-server bash end2end/run.sh

## Lesson page weight against the low-bandwidth budget (needs `make build`).
page-weight:
	MALAKA_SERVER_BIN=target/debug/malaka-server bash server/bench/page-weight.sh

## Final-quiz load: 3,000 starts, sustained saves, 1,000 submissions, then a database check.
bench-quiz: release
	bash server/bench/quiz-load.sh

## Certificate PDF time and size, and outbox throughput for 1,000 completions to a local SMTP server.
bench-certificates: release
	bash server/bench/certificates.sh

## HR reports at 100,000 people and ~2,000,000 progress rows: dashboard queries and full exports.
bench-reports: release
	bash server/bench/reports.sh

## Throughput and latency of a signed-in lesson page (needs `make release`).
bench: release
	bash server/bench/lesson-page.sh
