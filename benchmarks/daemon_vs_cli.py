"""Benchmark: one company (offline provider) as a sensor-launched `company_pipeline` run under
`dagster dev` (as `make dev` starts it) against the same chain through `creative-pipeline run` for
another company, on the same embedded database (issue 18 item 3).

Measured: insert -> run created by the sensor -> run started (the queue), the run's wall time and
per-stage seconds from the run's event log; the CLI's wall time (the command as a user runs it,
start-up included) and its per-stage seconds from its own event log. The ratio daemon/CLI is
computed on the run's wall time from its start to its end. The delay from a row's insert to its
run's start depends on where in the sensor daemon's 5 s loop the row lands, so several companies are
inserted one after another (`--samples`, default 3) and the worst and the median are reported.

    .venv/bin/python -m benchmarks.daemon_vs_cli [--samples 3]

Prints a table and writes benchmarks/results/daemon_vs_cli.json. Takes about 3 minutes here.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from dagster import DagsterEventType, DagsterInstance, EventRecordsFilter, RunsFilter

from creative_pipeline.demo.site_server import serve_sample_site
from creative_pipeline.domain.company import CompanyIn
from creative_pipeline.resources.supabase.database import get_database
from creative_pipeline.resources.supabase.repositories.companies import insert_company, mark_launched
from creative_pipeline.settings import PROJECT_ROOT
from creative_pipeline_tests.e2e.dagster_dev import running_dagster_dev

RESULTS = Path(__file__).parent / "results" / "daemon_vs_cli.json"
DONE = ("SUCCESS", "FAILURE", "CANCELED")


def step_seconds(instance: DagsterInstance, run_id: str) -> dict[str, float]:
    """Seconds per step, STEP_START to STEP_SUCCESS/FAILURE, from the run's event log."""
    starts: dict[str, float] = {}
    spans: dict[str, float] = {}
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None or event.step_key is None:
            continue
        if event.event_type == DagsterEventType.STEP_START:
            starts[event.step_key] = entry.timestamp
        elif event.event_type in (DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE):
            spans[event.step_key] = round(entry.timestamp - starts.get(event.step_key, entry.timestamp), 2)
    return spans


def runs_of(instance: DagsterInstance, slug: str) -> list:
    return list(instance.get_run_records(RunsFilter(tags={"dagster/partition": slug})))


def daemon_run(home: Path, db, site: str, name: str) -> dict[str, Any]:
    with db.transaction() as conn:
        company = insert_company(conn, CompanyIn(url=site, uvp="Cold brew at home in 10 seconds.", name=name))
    inserted = time.time()
    with _instance(home) as instance:
        record, deadline = None, time.monotonic() + 600
        while time.monotonic() < deadline:
            found = runs_of(instance, company.slug)
            record = found[0] if found else None
            if record and record.dagster_run.status.value in DONE:
                break
            time.sleep(0.5)
        assert record is not None, "the sensor launched no run"
        run = record.dagster_run
        started = record.start_time or 0.0
        return {
            "company": company.slug, "status": run.status.value, "executor": _executor(instance, run.run_id),
            "insert_to_run_created_s": round(record.create_timestamp.timestamp() - inserted, 2),
            "insert_to_run_launched_s": _launched(instance, run.run_id, inserted),  # the queue handed it to the launcher
            "insert_to_run_started_s": round(started - inserted, 2),  # RUN_START: the run worker process is up
            "run_wall_s": round((record.end_time or 0.0) - started, 2),
            "stages_s": step_seconds(instance, run.run_id),
        }


def _instance(home: Path) -> DagsterInstance:
    os.environ["DAGSTER_HOME"] = str(home)
    return DagsterInstance.get()


def _launched(instance: DagsterInstance, run_id: str, inserted: float) -> float | None:
    for entry in instance.all_logs(run_id, of_type=DagsterEventType.RUN_STARTING):
        return round(entry.timestamp - inserted, 2)
    return None


def _executor(instance: DagsterInstance, run_id: str) -> str | None:
    for entry in instance.all_logs(run_id, of_type=DagsterEventType.ENGINE_EVENT):
        if "in process" in (entry.message or "").lower() or "in-process" in (entry.message or "").lower():
            return "in_process"
        if "multiprocess" in (entry.message or "").lower():
            return "multiprocess"
    return None


def cli_run(env: dict[str, str], home: Path, db, site: str) -> dict[str, Any]:
    with db.transaction() as conn:
        company = insert_company(conn, CompanyIn(url=site, uvp="Cold brew at home in 10 seconds.", name="CLI Bench"))
        mark_launched(conn, company.id)  # what the CLI's first stage does: the sensor leaves this one to the CLI
    began = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "creative_pipeline.cli.main", "run", company.slug],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=600)
    wall = time.monotonic() - began
    stages: dict[str, float] = {}
    with _instance(home) as instance:
        for record in runs_of(instance, company.slug):
            stages.update(step_seconds(instance, record.dagster_run.run_id))
    return {"company": company.slug, "returncode": proc.returncode, "wall_s": round(wall, 2), "stages_s": stages,
            "stderr_tail": proc.stderr[-400:] if proc.returncode else ""}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=3, help="companies inserted one after another for the sensor")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="cp-bench-dev-", dir="/tmp"))
    home, data = root / "dagster_home", root / "data"
    home.mkdir()
    shutil.copy(PROJECT_ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "GEMINI_API_KEY", "SUPABASE_URL")}
    env.update({"DAGSTER_HOME": str(home), "CP_DATA_DIR": str(data), "TRENDS_BACKEND": "off",
                "PYTHONPATH": str(PROJECT_ROOT)})
    with serve_sample_site() as site:
        env["WEB_ALLOW_HOSTS"] = site.removeprefix("http://").rstrip("/")
        os.environ.update({k: env[k] for k in ("CP_DATA_DIR", "TRENDS_BACKEND", "WEB_ALLOW_HOSTS")})
        with running_dagster_dev(env, ready_within_s=240):
            db = get_database(None, data, PROJECT_ROOT / "supabase")
            samples = [daemon_run(home, db, site, f"Daemon Bench {n + 1}") for n in range(args.samples)]
            cli = cli_run(env, home, db, site)
    daemon = samples[0]
    result = {
        "daemon": daemon, "cli": cli, "start_latency": start_latency(samples),
        "ratio_daemon_over_cli": round(daemon["run_wall_s"] / cli["wall_s"], 2) if cli["wall_s"] else None,
        "goal": {"ratio_at_most": 1.5, "insert_to_run_started_at_most_s": 10},
        "machine": platform.platform(), "cpus": os.cpu_count(),
    }
    print(f"{'path':<8} {'wall s':>7}  per stage (s)")
    print(f"{'daemon':<8} {daemon['run_wall_s']:>7}  {daemon['stages_s']}")
    print(f"{'cli':<8} {cli['wall_s']:>7}  {cli['stages_s']}")
    print(f"daemon/CLI = {result['ratio_daemon_over_cli']}; executor {daemon['executor']}")
    for phase, figures in result["start_latency"].items():
        print(f"insert -> {phase:<12} max {figures['max_s']:>5} s  median {figures['median_s']:>5} s  {figures['samples_s']}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2))
    print(f"wrote {RESULTS}")
    ok = all(sample["status"] == "SUCCESS" for sample in samples) and cli["returncode"] == 0
    return 0 if ok else 1


def start_latency(samples: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Insert -> run created / handed to the launcher / started, over every sample."""
    out: dict[str, dict[str, Any]] = {}
    for phase in ("run_created", "run_launched", "run_started"):
        values = [s[f"insert_to_{phase}_s"] for s in samples if s[f"insert_to_{phase}_s"] is not None]
        out[phase] = {"samples_s": values, "max_s": max(values, default=None),
                      "median_s": statistics.median(values) if values else None}
    return out


if __name__ == "__main__":
    raise SystemExit(main())
