"""Where a run's steps execute, chosen from settings when the definitions are built.

One machine: Dagster's default executor (each step in its own process of the run worker). More
than one: `CP_EXECUTOR=celery` submits every step to a Celery broker, and `celery_worker.py`
processes on any machine that shares the Dagster instance (storage on Postgres), the app database
and object storage execute them. Pools, tag limits and the Postgres rate buckets hold across
machines because they live in those databases, not in a process.
"""

from __future__ import annotations

from typing import Any

from dagster import ExecutorDefinition

from creative_pipeline.settings import Settings


def celery_app_args(s: Settings) -> dict[str, Any]:
    """The Celery app both sides build: the run worker (through the executor) and the workers."""
    return {"broker": s.celery_broker_url, "backend": s.celery_result_backend, "include": []}


def build_executor(s: Settings) -> ExecutorDefinition | None:
    """None keeps Dagster's default. Broker URLs read from the environment enter the executor config
    as env references, so the UI shows the variable names, not credentials."""
    if s.dagster_executor != "celery":
        return None
    from dagster_celery import celery_executor

    def source(field: str, env: str) -> Any:
        return {"env": env} if field in s.model_fields_set else getattr(s, field)

    return celery_executor.configured(
        {"broker": source("celery_broker_url", "CELERY_BROKER_URL"),
         "backend": source("celery_result_backend", "CELERY_RESULT_BACKEND"), "include": []},
        name="celery",
    )
