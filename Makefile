# The README's quick start: `make site` builds the shipped help centre into public/, `make test` runs the tests.
# Each installs what it needs first (libcmark-dev and pkg-config on Debian).
SWIFT ?= swift
HELPSITE := .build/release/helpsite

.PHONY: deps site test build clean

deps:
	@scripts/ensure-deps

build: deps
	$(SWIFT) build -c release --product helpsite

site: build
	$(HELPSITE) build

test: deps
	$(SWIFT) test

clean:
	rm -rf public .build
