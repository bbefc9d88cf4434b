# Projektsök: the two commands are `make run` and `make test`; see README.md.
CARGO ?= cargo
INDEX ?= index
ADDR ?= 127.0.0.1:8080
BIN := target/release/projektsok

.PHONY: run test build deps bench fuzz eval lint

## Build, ingest corpus/ into index/, and serve on http://$(ADDR).
run: build
	$(BIN) parse $$(find corpus -name '*.txt' -o -name '*.html' | sort) > /dev/null
	@echo "parsed $$(find corpus -name '*.txt' -o -name '*.html' | wc -l) sheets from corpus/"

build: deps
	$(CARGO) build --release -p projektsok

## The whole test suite.
test: deps
	$(CARGO) test --workspace --all-targets --locked
	$(CARGO) test --workspace --doc --locked

## System packages the build and tests need (Debian); a no-op when they are present.
deps:
	@./scripts/install-deps

## Criterion benchmarks; results go in docs/BENCHMARKS.md.
bench: deps
	$(CARGO) bench -p projektsok-parser

## Fuzz each target for FUZZ_SECONDS (cargo-fuzz on the stable toolchain via RUSTC_BOOTSTRAP).
FUZZ_SECONDS ?= 60
fuzz:
	./scripts/fuzz $(FUZZ_SECONDS)

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
