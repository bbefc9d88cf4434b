# Projektsök: the two commands are `make run` and `make test`; see README.md.
CARGO ?= cargo
INDEX ?= index
ADDR ?= 127.0.0.1:8080
BIN := target/release/projektsok

.PHONY: run test build deps bench fuzz eval lint

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
