"""Where a run's steps execute, chosen from settings (`CP_EXECUTOR`) when the definitions are built.

- `in_process` (the single-machine default): every step of a run in the run worker's own process.
  The company chain is sequential (each stage reads the rows the one before wrote), so the
  multiprocess executor's parallelism buys nothing and its fresh Python per step (imports,
  definitions, resources: seconds a step on this machine) was most of a daemon-launched run's time:
  one company through ad_images took 39 s as a sensor-launched run against 8.9 s through the CLI
  (issue 18). Measured by `benchmarks/daemon_vs_cli.py`.
- `multiprocess`: Dagster's multiprocess executor (a process per step), for jobs with independent
  steps that should overlap on one machine.
- `celery`: every step is submitted to a Celery broker, and `celery_worker.py` processes on any
  machine that shares the Dagster instance (storage on Postgres), the app database and object
  storage execute them.

Pools, tag limits and the Postgres rate buckets hold with each of them: pools are counted in the
instance's storage, not in a process. Checked 2026-12-04 against the Dagster docs ("Concurrency
pools: limit the number of in-progress op executions across all runs", docs.dagster.io/guides/
operate/managing-concurrency/concurrency-pools) and the installed 1.13 source: `in_process.py`
executes its steps inside an `InstanceConcurrencyContext`, the same slot claim the multiprocess
executor makes. Tested with three competing run workers (separate processes, as the daemon launches
them): `integration/dagster_runs/test_pools_in_process.py`.
"""

from __future__ import annotations

from typing import Any

from dagster import ExecutorDefinition, in_process_executor, multiprocess_executor

from creative_pipeline.settings import Settings


def celery_app_args(s: Settings) -> dict[str, Any]:
    """The Celery app both sides build: the run worker (through the executor) and the workers."""
    return {"broker": s.celery_broker_url, "backend": s.celery_result_backend, "include": []}


def build_executor(s: Settings) -> ExecutorDefinition:
    """The executor `CP_EXECUTOR` names. Broker URLs read from the environment enter the Celery
    executor's config as env references, so the UI shows the variable names, not credentials."""
    if s.dagster_executor == "in_process":
        return in_process_executor
    if s.dagster_executor == "multiprocess":
        return multiprocess_executor
    from dagster_celery import celery_executor

    def source(field: str, env: str) -> Any:
        return {"env": env} if field in s.model_fields_set else getattr(s, field)

    return celery_executor.configured(
        {"broker": source("celery_broker_url", "CELERY_BROKER_URL"),
         "backend": source("celery_result_backend", "CELERY_RESULT_BACKEND"), "include": []},
        name="celery",
    )
