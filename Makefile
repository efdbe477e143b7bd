# Two commands do everything on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME := $(CURDIR)/dagster_home

.PHONY: install demo test dev multi bench migrate clean chromium

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(BIN)/.installed

demo: install  ## the whole pipeline for the sample company, on the embedded default
	$(BIN)/creative-pipeline demo

# Parallel workers, each with its own embedded PostgreSQL and Dagster instances (isolated); tests
# are dealt out one by one, except the modules marked `xdist_group` (one `dagster dev` or Celery
# worker for the module), which stay together on one worker.
TEST_WORKERS ?= 3
test: install chromium  ## every test: real PostgreSQL, real Dagster, real SDKs against local simulators, a real browser
	CP_SUITE_TIMING=benchmarks/results/test_suite.json $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

# The studio's browser test drives Debian's Chromium (Playwright without a browser download).
# As root it is installed when missing; otherwise install it first: sudo apt-get install -y chromium
chromium:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
	  || { echo "the studio's browser test needs Chromium: sudo apt-get install -y chromium" >&2; exit 1; }

dev: install  ## the Dagster UI on http://127.0.0.1:3000 (webserver + daemon) and the studio on http://127.0.0.1:8484
	$(BIN)/python -m creative_pipeline.cli.devserver --with-studio 127.0.0.1:8484 dev -h 127.0.0.1 -p 3000 -w workspace.yaml

# The broker-backed setup on this machine (docs/deployment.md): Dagster's instance on PostgreSQL
# (dagster.postgres.yaml: queued runs), every step a Celery task on RabbitMQ (Redis results), two workers
# of 5 tasks each: 10 = max_concurrent_runs, so steps waiting on the rate limit never hold up the others.
multi: install  ## Dagster on Postgres + CP_EXECUTOR=celery + two Celery workers (needs DAGSTER_PG_URL, RabbitMQ, Redis)
	@test -n "$$DAGSTER_PG_URL" || { echo "set DAGSTER_PG_URL=postgresql+psycopg2://user:pw@host/dagster (Dagster's own database)" >&2; exit 1; }
	mkdir -p .multi_home && cp dagster_home/dagster.postgres.yaml .multi_home/dagster.yaml
	export DAGSTER_HOME=$(CURDIR)/.multi_home CP_EXECUTOR=celery \
	  CELERY_BROKER_URL=$${CELERY_BROKER_URL:-pyamqp://guest:guest@127.0.0.1:5672//} \
	  CELERY_RESULT_BACKEND=$${CELERY_RESULT_BACKEND:-redis://127.0.0.1:6379/0}; \
	  trap 'kill $$(jobs -p) 2>/dev/null' EXIT; \
	  for i in 1 2; do $(BIN)/celery -A creative_pipeline.celery_worker worker -Q dagster --prefetch-multiplier=1 \
	    --concurrency=5 -n cp-worker-$$i@%h --loglevel=INFO & done; \
	  $(BIN)/python -m creative_pipeline.cli.devserver dev -h 127.0.0.1 -p 3000 -w workspace.yaml

bench: install  ## the quick benchmarks -> benchmarks/results/*.json + summary.md (heavy ones: python -m benchmarks.run --help)
	$(BIN)/python -m benchmarks.run

migrate: install
	$(BIN)/creative-pipeline db migrate

clean:
	rm -rf .data dagster_home/storage dagster_home/history dagster_home/schedules dagster_home/logs
