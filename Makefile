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

.PHONY: help install tools run stop clean test test-fast lint contracts openapi deploy-files up down smoke bench

help:
	@echo "make run    - start Kafka, PostgreSQL, the four services and demo data (Ctrl-C stops all)"
	@echo "make test   - install everything and run unit, integration and end-to-end tests"
	@echo "make test-fast - only the tests that need no Kafka and no PostgreSQL (seconds)"
	@echo "make lint   - ruff, mypy --strict and the import-linter layering contracts;  make contracts / make openapi - regenerate the catalogues"
	@echo "make stop / make clean - stop what make run started / also wipe its data ($(STATE))"
	@echo "make up / make down / make smoke - the docker compose stack (deploy/README.md); make deploy-files - regenerate"

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

tools: $(KUSTOMIZE)

run: install
	$(PY) -m localinfra.platform run --state $(STATE)

stop:
	@[ -x $(PY) ] && $(PY) -m localinfra.platform stop --state $(STATE) || true

clean: stop
	rm -rf $(STATE)

test: lint tools
	$(PY) -m contracts.catalogue --check
	$(PY) -m contracts.compat
	$(PY) -m pytest $(TESTS) -p no:cacheprovider --import-mode=importlib

# Only tests that need no broker and no database (the harness refuses an unmarked test that does).
test-fast: install tools
	$(PY) -m pytest $(TESTS) -p no:cacheprovider --import-mode=importlib -m "not integration and not e2e"

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy $(MYPY_STRICT)
	$(PY) -m mypy $(wildcard deploy/*.py)
	.venv/bin/lint-imports --no-cache

contracts: install
	$(PY) -m contracts.catalogue
	$(PY) -m contracts.compat --publish

openapi: install
	$(PY) -m localinfra.openapi_export

# Deploy files derived from contracts and the services (a test fails while they are stale).
deploy-files: install
	$(PY) deploy/generate.py

up:
	docker compose up -d --build

down:
	docker compose down

# On a Docker host: build, start, wait, walk the skeleton through the one origin, check traces and metrics.
smoke:
	deploy/smoke.sh

bench: install
	$(PY) bench/run.py
