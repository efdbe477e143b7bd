"""The multi-machine setup, run for real on this machine's services: Dagster's storage on
PostgreSQL (the shipped `dagster_home/dagster.postgres.yaml`), the Celery executor on a real
broker (RabbitMQ) with a Redis result backend, and TWO separate `celery_worker` processes that
take the steps (one task at a time each, so the broker deals the chain's steps out between them). A new `companies` row is picked up by the daemon's sensor, the run worker submits every
step to the broker, and the worker executes them: the run succeeds with the same rows the
single-machine path makes, every step's events name the Celery worker that ran it, and both
workers ran steps of the one company.

The worker is another process with nothing in common with the run worker but the two databases,
the broker and object storage: what a second machine would share.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from dagster import DagsterEventType, DagsterInstance

from creative_pipeline.settings import PROJECT_ROOT
from creative_pipeline_tests.conftest import add_company
from creative_pipeline_tests.e2e.dagster_dev import running_dagster_dev, stop_group
from creative_pipeline_tests.e2e.test_dagster_ui import RUNS
from creative_pipeline_tests.services_needed import require_service
from creative_pipeline_tests.throwaway_broker import rabbit_vhost
from creative_pipeline_tests.throwaway_db import fresh_database, sqlalchemy_url

# one `dagster dev` for the module: its tests stay on one xdist worker (`make test` uses --dist loadgroup)
pytestmark = pytest.mark.xdist_group("test_multi_machine")

# the machine's broker and cache (see the README's "More than one machine"); override to point elsewhere.
# Without an override the test runs on a private vhost of the machine's broker (`throwaway_broker`).
BROKER_OVERRIDE = os.environ.get("CP_TEST_CELERY_BROKER_URL")
BROKER = BROKER_OVERRIDE or "pyamqp://guest:guest@127.0.0.1:5672//"
BACKEND = os.environ.get("CP_TEST_CELERY_RESULT_BACKEND", "redis://127.0.0.1:6379/0")


@pytest.fixture(scope="module")
def multi_machine(tmp_path_factory: pytest.TempPathFactory, pg_url: str) -> Iterator[dict]:
    require_service("the Celery broker (RabbitMQ)", BROKER)
    require_service("the Celery result backend (Redis)", BACKEND)
    home = tmp_path_factory.mktemp("dagster_home_postgres")
    shutil.copy(PROJECT_ROOT / "dagster_home" / "dagster.postgres.yaml", home / "dagster.yaml")
    tag = uuid.uuid4().hex[:6]
    worker_names = [f"cp-test-{tag}-{i}@{os.uname().nodename}" for i in (1, 2)]
    with fresh_database(pg_url, prefix="cp_dagster") as dagster_db, rabbit_vhost(prefix="cp_test") as vhost:
        broker = BROKER_OVERRIDE or ("pyamqp://guest:guest@127.0.0.1:5672/" + (vhost or ""))
        env = {**os.environ, "DAGSTER_HOME": str(home), "DAGSTER_PG_URL": sqlalchemy_url(dagster_db),
               "DATABASE_URL": pg_url, "CP_DATA_DIR": str(home / "data"), "TRENDS_BACKEND": "off",
               "CP_EXECUTOR": "celery", "CELERY_BROKER_URL": broker, "CELERY_RESULT_BACKEND": BACKEND}
        logs = [(home / f"celery_worker_{i}.log").open("wb") for i in (1, 2)]
        workers = [subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "creative_pipeline.celery_worker", "worker", "-Q", "dagster",
             "--prefetch-multiplier=1", "--concurrency=1", "-n", name, "--loglevel=INFO"],
            cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        ) for name, log in zip(worker_names, logs, strict=True)]
        try:
            with running_dagster_dev(env, ready_within_s=180) as base:
                yield {"base": base, "env": env, "home": home, "workers": worker_names,
                       "logs": [home / f"celery_worker_{i}.log" for i in (1, 2)]}
        finally:
            for worker in workers:
                stop_group(worker)
            for log in logs:
                log.close()


def _wait_for_company_run(base: str, slug: str, seconds: float) -> list[dict]:
    deadline = time.monotonic() + seconds
    runs: list[dict] = []
    while time.monotonic() < deadline:
        runs = httpx.post(f"{base}/graphql", json={"query": RUNS, "variables": {"slug": slug}},
                          timeout=30).json()["data"]["runsOrError"]["results"]
        if runs and runs[0]["status"] in ("SUCCESS", "FAILURE", "CANCELED"):
            break
        time.sleep(2)
    return runs


def _steps_by_worker(home: Path, run_id: str) -> tuple[set[str], dict[str, str]]:
    """(steps that succeeded, {step: celery worker that executed it}) from the Postgres event log
    (the caller sets DAGSTER_PG_URL, which the instance's dagster.yaml reads)."""
    with DagsterInstance.from_config(str(home)) as instance:
        events = instance.all_logs(run_id)
    succeeded = {e.step_key for e in events if e.dagster_event_type == DagsterEventType.STEP_SUCCESS}
    executed = {}
    for e in events:
        if e.dagster_event_type == DagsterEventType.ENGINE_EVENT and "in celery worker" in (e.message or ""):
            metadata = e.dagster_event.engine_event_data.metadata
            executed[e.step_key] = metadata["Celery worker"].value
    return succeeded, executed


def test_a_company_run_executes_its_steps_across_two_celery_workers(
    multi_machine: dict, db, monkeypatch: pytest.MonkeyPatch,
) -> None:
    company = add_company(db, "http://10.0.0.1/private-site", name=f"Celery Co {time.monotonic_ns() % 10**6}")
    runs = _wait_for_company_run(multi_machine["base"], company.slug, seconds=420)
    worker_log = "\n".join(p.read_text(errors="replace")[-1500:] for p in multi_machine["logs"])
    assert runs and runs[0]["jobName"] == "company_pipeline", (runs, worker_log)
    assert runs[0]["status"] == "SUCCESS", (runs, worker_log)

    monkeypatch.setenv("DAGSTER_PG_URL", multi_machine["env"]["DAGSTER_PG_URL"])
    succeeded, executed = _steps_by_worker(multi_machine["home"], runs[0]["runId"])
    assert {"company_context", "personas", "ad_scripts", "script_scores", "winners"} <= succeeded
    assert set(executed) == succeeded, "every step ran as a Celery task"
    assert set(executed.values()) == set(multi_machine["workers"]), executed  # both workers ran steps
    with db.transaction() as conn:
        personas = conn.execute("select count(*) as n from personas where company_id = %s", (company.id,)).fetchone()["n"]
        winners = conn.execute("select count(*) as n from scripts where company_id = %s and is_winner",
                               (company.id,)).fetchone()["n"]
    assert personas == 5 and winners == 10
