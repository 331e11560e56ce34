# The README's quick start: `make site` builds the shipped help centre into public/, `make test` runs the tests.
# Each installs what it needs first (libcmark-dev and pkg-config on Debian). `make check-site` checks the built site.
SWIFT ?= swift
HELPSITE := .build/release/helpsite

.PHONY: deps site test build clean check-site

deps:
	@scripts/ensure-deps

build: deps
	$(SWIFT) build -c release --product helpsite

site: build
	$(HELPSITE) build

# After the Swift tests, the PO and XLIFF exports are checked by GNU gettext and translate-toolkit (the pinned one
# in .venv-checks/, created by scripts/site-checks/venv if missing).
test: deps
	$(SWIFT) test
	scripts/check-translation-files

# The built site checked by the Nu HTML Checker, axe-core, Selenium, nginx and linkchecker (see README, "Site checks").
check-site: site
	HELPSITE=$(HELPSITE) scripts/check-site

clean:
	rm -rf public .build
