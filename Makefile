# Hanoi Learning City platform. The two commands: `make run` and `make test`.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON_PREFERENCE := only-system
export PATH := $(HOME)/.local/bin:$(PATH)
UV_VERSION := 0.13.8
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
PY := .venv/bin/python
STATE ?= .state
TESTS := libs/servicekit/tests reference/tests services tests
MYPY_STRICT := contracts/src reference/src libs/servicekit/src infra/src $(wildcard services/*/src)
# Deploy checks (tests/deploy) render the Kubernetes overlays with this kustomize, built from its Go module.
KUSTOMIZE_VERSION := v5.7.1
KUSTOMIZE := .tools/kustomize-$(KUSTOMIZE_VERSION)
GO := $(shell command -v go 2>/dev/null || echo /usr/local/go/bin/go)
# Front-end kit: the OpenAPI linter and the TypeScript generator, pinned by clients/package-lock.json.
NODE_TOOLS := clients/node_modules/.package-lock.json
SERVICES := content enrolment notifications reporting

.PHONY: help install tools run stop clean test test-fast lint contracts openapi deploy-files image-sizes up down smoke bench fuzz chaos

help:
	@echo "make run    - start Kafka, PostgreSQL, the four services and demo data (Ctrl-C stops all)"
	@echo "make test   - install everything and run unit, integration and end-to-end tests"
	@echo "make test-fast - only the tests that need no Kafka and no PostgreSQL (seconds)"
	@echo "make lint   - ruff, mypy --strict and the import-linter layering contracts;  make contracts / make openapi - regenerate the catalogues (openapi: also clients/*.d.ts)"
	@echo "make fuzz   - the schema-driven API fuzzing of every service, long (make test runs a short one)"
	@echo "make chaos  - fault injection under load (kill -9, broker/PostgreSQL restarts, poison); writes docs/proof.md"
	@echo "make stop / make clean - stop what make run started / also wipe its data ($(STATE))"
	@echo "make up / make down / make smoke - the docker compose stack (deploy/README.md); make deploy-files - regenerate; make image-sizes"

$(UV):
	@command -v python3 >/dev/null || { echo "Python 3.11+ is required (apt-get install python3)"; exit 1; }
	python3 -m pip install --user --quiet "uv==$(UV_VERSION)" || python3 -m pip install --quiet --break-system-packages --user "uv==$(UV_VERSION)"

install: $(UV)
	$(UV) sync --frozen --quiet

$(KUSTOMIZE):
	@test -x $(GO) || { echo "Go is required to build kustomize (apt-get install golang-go)"; exit 1; }
	mkdir -p .tools/gobin
	GOBIN=$(CURDIR)/.tools/gobin $(GO) install sigs.k8s.io/kustomize/kustomize/v5@$(KUSTOMIZE_VERSION)
	mv .tools/gobin/kustomize $(KUSTOMIZE)

$(NODE_TOOLS): clients/package.json clients/package-lock.json
	@command -v npm >/dev/null || { echo "Node.js 20+ with npm is required (apt-get install nodejs npm)"; exit 1; }
	npm ci --prefix clients --no-audit --no-fund --ignore-scripts
	touch $@

# Browser tests (the reporting dashboard) drive Debian's Chromium through Playwright; never a downloaded browser.
CHROMIUM := /usr/bin/chromium

$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "Chromium is required at $(CHROMIUM) (apt-get install chromium)"; exit 1; }
	apt-get install -y --no-install-recommends chromium || { apt-get update && apt-get install -y --no-install-recommends chromium; }

tools: $(KUSTOMIZE) $(NODE_TOOLS) $(CHROMIUM)

run: install
	$(PY) -m localinfra.platform run --state $(STATE) $(if $(filter 0,$(DEMO)),--no-demo)

stop:
	@[ -x $(PY) ] && $(PY) -m localinfra.platform stop --state $(STATE) || true

clean: stop
	rm -rf $(STATE)

test: lint tools
	$(PY) -m contracts.catalogue --check
	$(PY) -m contracts.compat
	$(PY) -m pytest $(TESTS) -p no:cacheprovider --import-mode=importlib

# The fuzzing of tests/fuzz with many examples per operation and mode (`make test` runs a few, same seed).
FUZZ_EXAMPLES ?= 200
fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/fuzz -p no:cacheprovider --import-mode=importlib \
		-o timeout=3600

# Only tests that need no broker and no database (the harness refuses an unmarked test that does).
test-fast: install tools
	$(PY) -m pytest $(TESTS) -p no:cacheprovider --import-mode=importlib -m "not integration and not e2e"

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy $(MYPY_STRICT)
	$(PY) -m mypy $(wildcard deploy/*.py)
	$(PY) -m mypy chaos
	.venv/bin/lint-imports --no-cache

contracts: install
	$(PY) -m contracts.catalogue
	$(PY) -m contracts.compat --publish

openapi: install $(NODE_TOOLS)
	$(PY) -m localinfra.openapi_export
	for s in $(SERVICES); do clients/node_modules/.bin/openapi-typescript docs/openapi/$$s.json -o clients/$$s.d.ts; done

# Deploy files derived from contracts and the services (a test fails while they are stale).
deploy-files: install
	$(PY) deploy/generate.py

# What each image adds to its base, measured by the Dockerfile's `uv sync` into a scratch dir (deploy/README.md).
image-sizes: install
	$(PY) deploy/image_sizes.py

up:
	docker compose up -d --build

down:
	docker compose down

# On a Docker host: build, start, wait, walk the skeleton through the one origin, check traces and metrics.
smoke:
	deploy/smoke.sh

# Bounded (a few minutes): starts its own platform, prints one table and writes docs/performance.md.
bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && (apt-get install -y -q wrk >/dev/null 2>&1 \
		|| (apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null)); } \
		|| echo "wrk is missing (HTTP figures skipped): sudo apt-get install wrk"
	$(PY) bench/run.py

# Bounded (about 10 min): its own platform under load, one fault at a time (CHAOS_* knobs in chaos/run.py);
# prints one table, writes docs/proof.md, fails when anything was lost, doubled or did not recover.
# Then the API fuzzer with many examples (chaos/fuzz.py: CHAOS_FUZZ_EXAMPLES, CHAOS_FUZZ_SECONDS), its table too.
chaos: install
	$(PY) chaos/run.py; faults=$$?; $(PY) chaos/fuzz.py; fuzz=$$?; exit $$(( faults || fuzz ))
