"""The front door as a new user meets it: a real `creative-pipeline` subprocess, a real database, a
real Dagster instance in DAGSTER_HOME, and (for the live cases) the real google-genai SDK against
the Gemini simulator. Each test reads the WHOLE terminal output (stdout and stderr): the project's
own words — what failed, why, what to do — and never a traceback or Dagster's banner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from creative_pipeline.definitions import JOBS
from creative_pipeline.jobs import LAUNCHED_BY
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

DAGSTER_NOISE = ("Traceback", "WARNING:dagster", "dagster - ERROR", "dagster - DEBUG", "Telemetry", "telemetry", "DagsterExecution")


@pytest.fixture
def door(pg_url: str, tmp_path: Path, sample_site: str):
    """Run the CLI with an environment of its own; `live` points it at a simulator."""
    home = tmp_path / "dagster"
    home.mkdir()
    base = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GEMINI_", "SUPABASE_", "DAGSTER_"))},
        "DATABASE_URL": pg_url, "CP_DATA_DIR": str(tmp_path / "data"), "DAGSTER_HOME": str(home),
        "TRENDS_BACKEND": "off", "WEB_ALLOW_HOSTS": sample_site.removeprefix("http://").rstrip("/"),
    }

    def run(*args: str, sim: GeminiSimulator | None = None) -> tuple[int, str]:
        env = dict(base)
        if sim is not None:
            env |= {"GEMINI_API_KEY": "sim-key", "GEMINI_BASE_URL": sim.base_url, "GEMINI_BACKOFF_BASE_S": "0.05"}
        done = subprocess.run([sys.executable, "-m", "creative_pipeline.cli.main", *args], env=env,
                              capture_output=True, text=True, timeout=600)
        return done.returncode, done.stdout + done.stderr

    run.home = home  # type: ignore[attr-defined]
    return run


def clean(output: str) -> None:
    noise = [n for n in DAGSTER_NOISE if n in output]
    assert noise == [], output


def test_cli_runs_renders_and_imports_are_defined_jobs_tagged_cli(door, clean_db: Database, sample_site: str) -> None:
    from dagster import DagsterInstance, RunsFilter
    from dagster._core.instance.ref import InstanceRef

    code, out = door("add-company", "--url", sample_site, "--uvp", "Cold brew at home in 10 seconds", "--name", "Door Co")
    assert code == 0, out
    assert door("run", "door-co")[0] == 0
    code, out = door("review", "door-co", "--approve", "1", "--feedback", "2", "brighter kitchen", "--render")
    assert code == 0, out
    assert "ad_images: ok" in out and "ad_videos: ok" in out
    clean(out)
    fixture = Path(__file__).parents[1] / "fixtures" / "performance" / "meta_daily_bom.csv"
    assert door("import-performance", str(fixture))[0] == 0
    with DagsterInstance.from_ref(InstanceRef.from_dir(str(door.home))) as instance:
        runs = instance.get_runs(RunsFilter())
    assert len(runs) == 9 + 2 + 1  # a run per stage, the image re-render and the videos, the import
    assert {r.job_name for r in runs} == {"company_pipeline", "company_videos", "performance_import"}
    assert all(r.job_name in JOBS for r in runs)  # never __ephemeral_asset_job__
    assert {r.tags.get(LAUNCHED_BY) for r in runs} == {"cli"}
    assert all(r.tags["dagster/partition"] == "door-co" for r in runs if r.job_name != "performance_import")


def test_unknown_company_says_where_the_keys_are(door, clean_db: Database) -> None:
    for command in (["run", "nobody"], ["review", "nobody"], ["estimate", "nobody"], ["set-budget", "nobody", "5"]):
        code, out = door(*command)
        assert code == 2, out
        clean(out)
        assert "no company with partition key or id 'nobody'" in out
        assert "creative-pipeline companies" in out and "creative-pipeline add-company" in out  # the fix
        assert len(out.strip().splitlines()) == 1, out


def test_a_budget_that_cannot_cover_the_stages_is_said_before_any_paid_call(
    door, clean_db: Database, sample_site: str, gemini_simulator: GeminiSimulator,
) -> None:
    code, out = door("add-company", "--url", sample_site, "--uvp", "Cold brew at home", "--name", "Budget Co",
                     "--budget-usd", "0.05", sim=gemini_simulator)
    assert code == 0, out
    code, out = door("run", "budget-co", sim=gemini_simulator)
    assert code == 2, out
    clean(out)
    assert "budget: budget-co has $0.0500 left of its $0.05 budget" in out  # why
    assert "nothing was run" in out
    assert "within it: company_context, personas" in out  # the stages that fit, in chain order
    assert "creative-pipeline run budget-co --through" in out
    assert "creative-pipeline set-budget budget-co " in out  # the fix
    assert gemini_simulator.requests == []  # said before the first paid call (not even a model check)
    assert len(out.strip().splitlines()) <= 2, out


def test_a_revoked_key_fails_the_stage_in_two_lines_and_the_trace_is_behind_verbose(
    door, clean_db: Database, sample_site: str, gemini_simulator: GeminiSimulator,
) -> None:
    assert door("add-company", "--url", sample_site, "--uvp", "Cold brew at home", "--name", "Key Co")[0] == 0
    gemini_simulator.inject("permission_denied", times=1000)
    code, out = door("run", "key-co", "--through", "personas", sim=gemini_simulator)
    assert code == 1, out
    clean(out)
    lines = out.strip().splitlines()
    assert lines[-2].startswith("stage ") and " failed: provider refused the request" in lines[-2], out  # what, why
    assert "check GEMINI_API_KEY" in lines[-2]  # what to do
    assert "Dagster UI" in lines[-1] and "--verbose" in lines[-1]  # where the whole story is
    code, verbose = door("run", "key-co", "--through", "personas", "--verbose", sim=gemini_simulator)
    assert code == 1 and "Stack Trace:" in verbose and 'File "' in verbose and "check GEMINI_API_KEY" in verbose
