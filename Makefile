# Projektsök: the two commands are `make run` and `make test`; see README.md.
CARGO ?= cargo
INDEX ?= index
ADDR ?= 127.0.0.1:8080
BIN := target/release/projektsok

.PHONY: run test build deps bench bench-quick fuzz eval lint soak audit

## Build, ingest corpus/ into index/, and serve on http://$(ADDR).
run: build $(INDEX)/.ingested
	$(BIN) --index $(INDEX) serve --addr $(ADDR)

# Re-ingest only when a sheet or the binary changed; start from an empty index so that sheets
# removed from corpus/ leave it too.
CORPUS_FILES := $(shell find corpus -type f \( -name '*.txt' -o -name '*.html' -o -name '*.htm' \))
$(INDEX)/.ingested: $(BIN) $(CORPUS_FILES)
	find $(INDEX) -mindepth 1 ! -name .gitignore -delete
	$(BIN) --index $(INDEX) ingest corpus
	touch $@

build: deps
	$(CARGO) build --release -p projektsok

## The whole test suite: unit, property, snapshot, end-to-end and browser tests, doc tests; the
## benches are compiled (not run: their set-up builds large indexes, see `make bench`).
test: deps
	$(CARGO) test --workspace --lib --bins --tests --examples
	$(CARGO) test --workspace --doc
	$(CARGO) test --workspace --benches --no-run

## System packages the build and tests need (Debian); a no-op when they are present.
deps:
	@./scripts/install-deps

## Benchmarks on a generated corpus (BENCH_COUNT sheets, default 100 000; 1000000 optional):
## parse, ingest, query mix in process and over HTTP (wrk), SQLite FTS5 side by side, recall,
## the criterion benches; verdicts appended to docs/BENCHMARKS.md. See scripts/bench.
BENCH_COUNT ?= 100000
bench: deps
	CARGO=$(CARGO) BENCH_COUNT=$(BENCH_COUNT) ./scripts/bench full

## The same on 10 000 sheets, 10 s of HTTP load, criterion --quick (under 5 minutes).
bench-quick: deps
	CARGO=$(CARGO) BENCH_COUNT=10000 ./scripts/bench quick

## Judged relevance (recall@10, nDCG@10: plain tantivy vs ours), lexicon precision/recall,
## similar-projects precision; fails when ours is not ahead. Figures in docs/RELEVANCE.md.
eval: deps
	$(CARGO) run --release -p projektsok-eval

## Fuzz each target for FUZZ_SECONDS (cargo-fuzz on the stable toolchain via RUSTC_BOOTSTRAP).
FUZZ_SECONDS ?= 60
fuzz:
	./scripts/fuzz $(FUZZ_SECONDS)

## Long reliability checks (release build, loopback only): 60 s of mixed load at 8 connections
## (wrk) on 100 000 generated sheets with the server's RSS sampled, then the long crash and
## concurrency tests. Figures in target/soak/summary.txt; see docs/RELIABILITY.md.
soak: deps
	./scripts/soak all

## RustSec advisories of Cargo.lock and fuzz/Cargo.lock (cargo install cargo-audit).
## The advisory database comes from github.com; without a route there, pass a local clone:
## make audit AUDIT_DB=path/to/advisory-db (checked as it is, however old).
AUDIT_DB ?=
audit:
	@command -v cargo-audit >/dev/null || { echo "make audit: cargo-audit is not installed (cargo install cargo-audit)"; exit 1; }
	@if [ -n "$(AUDIT_DB)" ]; then \
	  $(CARGO) audit --db "$(AUDIT_DB)" --no-fetch --stale && \
	  { [ ! -f fuzz/Cargo.lock ] || $(CARGO) audit --db "$(AUDIT_DB)" --no-fetch --stale --file fuzz/Cargo.lock; }; \
	else \
	  { $(CARGO) audit && { [ ! -f fuzz/Cargo.lock ] || $(CARGO) audit --file fuzz/Cargo.lock; }; } || { \
	    echo "make audit: NOT CHECKED - the RustSec advisory database could not be fetched from github.com (no route from this machine?)."; \
	    echo "Run it where github.com is reachable, or give a local clone: make audit AUDIT_DB=path/to/advisory-db"; \
	    exit 1; }; \
	fi

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
