# The README's quick start: `make site` builds the shipped help centre into public/, `make test` runs the tests.
# Each installs what it needs first (libcmark-dev and pkg-config on Debian). `make check-site` checks the built site.
SWIFT ?= swift
HELPSITE := .build/release/helpsite

.PHONY: deps site test build clean check-site translations import-translations

deps:
	@scripts/ensure-deps

build: deps
	$(SWIFT) build -c release --product helpsite

site: build
	$(HELPSITE) build

# After the Swift tests, the PO, XLIFF and TMX exports are checked by GNU gettext and translate-toolkit (the pinned
# one in .venv-checks/, created by scripts/site-checks/venv if missing).
test: deps
	$(SWIFT) test
	scripts/check-translation-files

# The built site checked by the Nu HTML Checker, axe-core, Selenium, nginx and linkchecker (see README, "Site checks").
check-site: site
	HELPSITE=$(HELPSITE) scripts/check-site

# The translation platform's loop (README, "A translation platform in CI"): translations/<language>.po for every
# translation language, all pages, rewritten only when a unit changed; and back, each file all or nothing.
translations: build
	$(HELPSITE) export --pages all --format po --directory translations

import-translations: build
	$(HELPSITE) import translations/*.po

clean:
	rm -rf public .build
