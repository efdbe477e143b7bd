"""Fault matrix: every Gemini fault class x every Gemini-calling stage ends either in a complete
set or in a failed step that left every stage table byte-for-byte as it was.

One company is generated once (offline chain through creative_briefs) into a template database;
each case runs on a copy, with the real google-genai SDK against the simulator. Two variants:
`twice` (the fault hits the first 2 matching calls: the retry policy must absorb it) and
`always` (every matching call: the step must fail, rows unchanged; permanent errors at once,
without step retries).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from dagster import DagsterEventType, DagsterInstance, materialize

from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import get_database
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import SUPABASE_DIR, add_company, site_settings
from creative_pipeline_tests.integration.faults.matrix import (
    FAULTS,
    GEMINI_STAGES,
    PERMANENT,
    copy_of,
    drop_pool,
    record,
    server_url,
    stage_hash,
)
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

EXPECTED = {"personas": {"personas": 5}, "ad_scripts": {"scripts": 100}, "script_scores": {"scores": 100},
            "script_compliance": {"verdicts": 100}, "creative_briefs": {"assets": 20}}


@pytest.fixture(scope="module")
def template(pg_url: str, tmp_root: Path) -> Iterator[tuple[str, str, str]]:
    """(server url, template db name, company slug): one company generated through creative_briefs."""
    from dagster import instance_for_test

    from creative_pipeline.demo.site_server import serve_sample_site

    name = f"cp_tpl_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    url = server_url(pg_url, name)
    db = get_database(url, tmp_root, SUPABASE_DIR, auto_migrate=True)
    with serve_sample_site() as site, instance_for_test() as instance:
        settings = site_settings(Settings(DATABASE_URL=url, CP_DATA_DIR=tmp_root / "tpl", TRENDS_BACKEND="off"), site)
        company = add_company(db, site, name="Matrix Co")
        done = run_chain(company.slug, stage_names("creative_briefs"), instance=instance,
                         resources=build_resources(settings))
        assert all(ok for _, _, ok in done), done
    drop_pool(url)
    yield pg_url, name, company.slug
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


def ledger_rows(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("select count(*) from api_usage").fetchone()[0]


def stage_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {
            "personas": conn.execute("select count(*) from personas").fetchone()[0],
            "scripts": conn.execute("select count(*) from scripts").fetchone()[0],
            "scores": conn.execute("select count(*) from scores").fetchone()[0],
            "verdicts": conn.execute("select count(*) from script_compliance").fetchone()[0],
            "assets": conn.execute("select count(*) from assets where kind in ('image_brief', 'video_brief')").fetchone()[0],
        }


# A permanent error is never retried (one hit fails the step), so it has only the `always` variant.
CASES = [
    (stage, fault, variant)
    for stage in GEMINI_STAGES for fault in FAULTS for variant in ("twice", "always")
    if not (fault in PERMANENT and variant == "twice")
]


@pytest.mark.parametrize(("stage", "fault", "variant"), CASES)
def test_fault_ends_complete_or_changes_nothing(
    stage: str, fault: str, variant: str, template: tuple[str, str, str], tmp_path: Path,
    dagster_instance: DagsterInstance, gemini_simulator: GeminiSimulator,
) -> None:
    server, name, slug = template
    from creative_pipeline.definitions import defs

    with copy_of(server, name) as url:
        before = stage_hash(url)
        ledger_before = ledger_rows(url)
        gemini_simulator.retry_delay = "0.01s"
        gemini_simulator.timeout_sleep_s = 0.6
        gemini_simulator.inject(fault, times=2 if variant == "twice" else 100_000)
        settings = Settings(
            DATABASE_URL=url, CP_DATA_DIR=tmp_path / "data", TRENDS_BACKEND="off", GEMINI_API_KEY="sim-key",
            GEMINI_BASE_URL=gemini_simulator.base_url, GEMINI_BACKOFF_BASE_S=0.01, GEMINI_TIMEOUT_S=0.4,
            GEMINI_MAX_ATTEMPTS=3,
            # the shared limit stays on, over a short window: an `always` fault on a 20-call stage makes
            # 120+ attempts (retries, re-asks, step retries), which at the default 60 s window waited a
            # whole minute for the next one — time the test spent asleep, not checking anything
            GEMINI_RATE_WINDOW_S=2,
        )
        dagster_instance.add_dynamic_partitions("company", [slug])
        result = materialize(
            [*defs.assets, *defs.asset_checks], selection=[stage], partition_key=slug, instance=dagster_instance,
            resources=build_resources(settings), raise_on_error=False,
        )
        retried = [e for e in result.all_events if e.event_type == DagsterEventType.STEP_UP_FOR_RETRY]
        after = stage_hash(url)
        if result.success:
            if stage == "script_compliance":  # its contract: a verdict per script, model failures marked
                with psycopg.connect(url) as conn:
                    failed = conn.execute("select count(*) from script_compliance where model_status = 'failed'").fetchone()[0]
                outcome_note = f" ({failed} model checks marked failed)" if failed else ""
            assert {k: v for k, v in stage_counts(url).items() if k in EXPECTED[stage]} == EXPECTED[stage]
            outcome = "complete" + (outcome_note if stage == "script_compliance" else "")
        else:
            assert after == before, f"{stage} failed under {fault} but changed rows"
            outcome = "failed, rows unchanged" + (f" ({len(retried)} step retries)" if retried else "")
        assert ledger_rows(url) > ledger_before  # every attempt is in the cost ledger, failed or not
        if fault in PERMANENT:
            assert not result.success and not retried, "a permanent error fails the step at once"
        elif variant == "twice":
            assert result.success, f"{stage}: two {fault} faults should be absorbed by the retries"
        record(stage, fault, variant, outcome)
