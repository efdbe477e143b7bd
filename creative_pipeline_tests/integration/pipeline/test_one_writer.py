"""One writer per company, however launched, and a kill -9 in the middle of a stage loses and
duplicates nothing."""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from dagster import DagsterInstance

from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.locks import company_lock, lock_held
from creative_pipeline.settings import PROJECT_ROOT, Settings
from creative_pipeline_tests.conftest import add_company, counts
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator


def test_a_second_in_process_run_waits_for_the_company_lock(
    clean_db: Database, resources: dict, dagster_instance: DagsterInstance
) -> None:
    """The CLI's in-process materialize bypasses Dagster's run queue: the advisory lock is what
    keeps it from writing a company another run is writing."""
    company = add_company(clean_db, "http://10.0.0.1/site", name="Locked Co")
    finished: list[float] = []

    def run() -> None:
        run_chain(company.slug, ["company_context"], instance=dagster_instance, resources=resources)
        finished.append(time.monotonic())

    with company_lock(clean_db.url, company.slug, wait_s=5):  # another writer holds the company
        worker = threading.Thread(target=run)
        worker.start()
        time.sleep(1.5)
        assert not finished, "the stage ran while another writer held the company"
        released = time.monotonic()
    # wait for the event expected (the run ending), not a fixed time: under load the in-process run
    # took more than 60 s once; pytest-timeout still bounds a run that never ends
    worker.join()
    assert finished and finished[0] >= released
    assert not lock_held(clean_db.url, company.slug)


def test_kill_9_during_a_stage_then_rerun_loses_and_duplicates_nothing(
    clean_db: Database, settings: Settings, tmp_path: Path, gemini_simulator: GeminiSimulator,
    dagster_instance: DagsterInstance,
) -> None:
    company = add_company(clean_db, "http://10.0.0.1/site", name="Killed Co")
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(PROJECT_ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    gemini_simulator.latency_s = 0.4  # slow enough that ad_scripts is mid-flight when killed
    env = {**os.environ, "DATABASE_URL": settings.database_url, "CP_DATA_DIR": str(settings.data_dir),
           "DAGSTER_HOME": str(home), "TRENDS_BACKEND": "off", "GEMINI_API_KEY": "sim-key",
           "GEMINI_BASE_URL": gemini_simulator.base_url, "PYTHONPATH": str(PROJECT_ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "creative_pipeline.cli.main", "run", company.slug],
                            cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    # personas done and most of the 20 script batches answered, the rest in flight (8 at a time)
    def answered() -> int:
        return len([r for r in gemini_simulator.requests_for("generateContent") if r.status == 200])

    while time.monotonic() < deadline and answered() < 12:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert counts(clean_db, company.id)["scripts"] == 0  # nothing half-written
    killed_ledger = len(gemini_simulator.requests)
    # every answered call is in the ledger but those the client had not read yet (at most the 8 in
    # flight): paid replies are booked as they arrive, not when the step ends
    paid = answered()
    with clean_db.transaction() as conn:
        booked = conn.execute("select count(*) as n from api_usage where company_id = %s and provider = 'gemini' "
                              "and status = 'ok'", (company.id,)).fetchone()["n"]
    assert paid >= 12 and paid - 8 <= booked <= paid, (paid, booked)

    gemini_simulator.latency_s = 0
    resources = build_resources(settings.model_copy(update={
        "gemini_api_key": "sim-key", "gemini_base_url": gemini_simulator.base_url}))
    deadline = time.monotonic() + 30
    while lock_held(clean_db.url, company.slug) and time.monotonic() < deadline:  # the dead session's lock
        time.sleep(0.2)
    result = run_chain(company.slug, stage_names("creative_briefs"), instance=dagster_instance, resources=resources)
    assert all(ok for _, _, ok in result), result
    assert counts(clean_db, company.id) == {"personas": 5, "scripts": 100, "scores": 100, "winners": 10, "briefs": 10}
    with clean_db.transaction() as conn:
        batches = conn.execute("select count(*) as n, count(distinct (persona_id, batch_index)) as d "
                               "from script_batches where company_id = %s", (company.id,)).fetchone()
        launched = conn.execute("select pipeline_launched_at from companies where id = %s", (company.id,)).fetchone()
    assert batches["n"] == batches["d"] == 20
    assert launched["pipeline_launched_at"] is not None and len(gemini_simulator.requests) > killed_ledger
