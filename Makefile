# Malaka: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
# wasm-opt comes from npm's binaryen (Debian's is too old to produce a wasm that hydrates).
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test build lint unit-tests postgres-tests e2e bench bench-quiz bench-certificates bench-reports page-weight

## Build and serve http://127.0.0.1:3000 on an embedded SQLite file, with the demo accounts.
run:
	bash .ci/install-tools run
	$(MAKE) build
	MALAKA_DEMO=1 LEPTOS_SITE_ROOT=target/site target/release/malaka-server

## Every test: formatting, lints, unit and integration tests on SQLite and PostgreSQL,
## and the browser tests in Chromium.
test:
	bash .ci/install-tools test
	$(MAKE) lint unit-tests postgres-tests build e2e page-weight

build:
	cargo leptos build --release
	# Compress the static files once, at the highest brotli quality, when brotli is installed.
	if command -v brotli >/dev/null; then brotli -f -k -q 11 target/site/pkg/*.wasm target/site/pkg/*.js target/site/pkg/*.css; fi

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p malaka-app --no-default-features --features hydrate --target wasm32-unknown-unknown -- -D warnings

unit-tests:
	cargo test --workspace
	cargo run -q -p malaka-server -- courses check

postgres-tests:
	MALAKA_TEST_POSTGRES_URL=$$(bash .ci/with-postgres) cargo test -p malaka-server --test integration

e2e:
	bash end2end/run.sh

## Lesson page weight against the low-bandwidth budget (needs `make build`).
page-weight:
	bash server/bench/page-weight.sh

## Final-quiz load: 3,000 starts, sustained saves, 1,000 submissions, then a database check.
bench-quiz:
	bash server/bench/quiz-load.sh

## Certificate PDF time and size, and outbox throughput for 1,000 completions to a local SMTP server.
bench-certificates:
	bash server/bench/certificates.sh

## HR reports at 100,000 people and ~2,000,000 progress rows: dashboard queries and full exports.
bench-reports:
	bash server/bench/reports.sh

## Throughput and latency of a signed-in lesson page (needs `make build`).
bench:
	bash server/bench/lesson-page.sh
