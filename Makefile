# Two commands do everything on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME := $(CURDIR)/dagster_home

.PHONY: install demo test dev bench migrate clean

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
test: install  ## every test: real PostgreSQL, real Dagster, real SDKs against local simulators
	CP_SUITE_TIMING=benchmarks/results/test_suite.json $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

dev: install  ## the Dagster UI on http://127.0.0.1:3000 (webserver + daemon: sensors, schedule)
	$(BIN)/python -m creative_pipeline.cli.devserver dev -h 127.0.0.1 -p 3000 -w workspace.yaml

bench: install  ## speed and memory figures -> benchmarks/results/*.json
	$(BIN)/python -m benchmarks.run

migrate: install
	$(BIN)/creative-pipeline db migrate

clean:
	rm -rf .data dagster_home/storage dagster_home/history dagster_home/schedules dagster_home/logs
