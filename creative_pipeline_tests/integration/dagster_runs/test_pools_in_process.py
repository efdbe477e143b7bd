"""Pools hold with the in-process executor (issue 18): the deployment's `gemini_text` limit counts
steps of different runs, each in its own run worker process, as the daemon launches them.

Runs are separate processes here because that is what they are in a deployment; two runs in
threads of one process is not a shape Dagster's run workers take (and hangs on the SQLite instance).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from dagster import DagsterInstance

from creative_pipeline.settings import PROJECT_ROOT

PROBE = "creative_pipeline_tests.integration.dagster_runs.pool_probe"


def _home(tmp_path: Path, default_limit: int) -> Path:
    """The project's own instance config (dagster_home/dagster.yaml) with the pool limit set."""
    config = yaml.safe_load((PROJECT_ROOT / "dagster_home" / "dagster.yaml").read_text())
    config["concurrency"]["pools"]["default_limit"] = default_limit
    home = tmp_path / f"home_{default_limit}"
    home.mkdir()
    (home / "dagster.yaml").write_text(yaml.safe_dump(config))
    return home


def _max_overlap(spans: list[list[float]]) -> int:
    edges = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans], key=lambda x: (x[0], x[1]))
    running = peak = 0
    for _, step in edges:
        running += step
        peak = max(peak, running)
    return peak


def _run_workers(home: Path, count: int) -> list[list[float]]:
    env = {**os.environ, "DAGSTER_HOME": str(home), "CP_EXECUTOR": "in_process",
           "PYTHONPATH": os.pathsep.join([str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")])}
    os.environ["DAGSTER_HOME"], saved = str(home), os.environ.get("DAGSTER_HOME")
    try:
        with DagsterInstance.get() as instance:  # storage created once, before the workers race for it
            # the pool's slots set from `default_limit` before any run claims one, as the queued run
            # coordinator does before it launches a run (op_concurrency_limits_counter.py, 1.13.27):
            # three run workers initialising a fresh pool at the same instant each allocated slots
            # (3 steps at once under limit 2, seen once in a full parallel run)
            assert instance.event_log_storage.initialize_concurrency_limit_to_default("gemini_text")
    finally:
        os.environ.pop("DAGSTER_HOME") if saved is None else os.environ.update(DAGSTER_HOME=saved)
    barrier = home / "ready"
    barrier.mkdir()
    procs = [subprocess.Popen([sys.executable, "-m", PROBE, "2", str(barrier), str(count)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True) for _ in range(count)]
    outputs = [p.communicate(timeout=180)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs), "\n".join(o[-2000:] for o in outputs)
    return [json.loads(line.removeprefix("SPAN ")) for o in outputs for line in o.splitlines() if line.startswith("SPAN ")]


@pytest.mark.parametrize("limit", [1, 2])
def test_the_gemini_pool_limits_steps_across_in_process_runs(tmp_path: Path, limit: int) -> None:
    started = time.time()
    spans = _run_workers(_home(tmp_path, limit), count=3)
    assert len(spans) == 3
    assert all(s >= started for s, _ in spans)
    # never more steps at once than the pool allows ...
    assert _max_overlap(spans) <= limit
    # ... and the limit is what held them back, not something else serialising the runs
    if limit == 2:
        assert _max_overlap(spans) == 2
