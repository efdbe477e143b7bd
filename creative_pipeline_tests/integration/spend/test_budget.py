"""A budget per company: the call that would pass it is not made, the stage fails saying so and
keeps every stored row; raising the budget and re-running reuses what was already paid for."""

from __future__ import annotations

from dagster import DagsterInstance

from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.budget import company_spend, set_budget
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import counts
from creative_pipeline_tests.integration.spend.helpers import (
    company_with_personas,
    ledger,
    run_stage,
    sim_settings,
    text_requests,
)
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator


def test_budget_stops_a_stage_mid_way_and_the_rerun_pays_nothing_twice(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    resources = build_resources(sim_settings(settings, gemini_simulator, sample_site, gemini_max_concurrency=4))
    company = company_with_personas(clean_db, sample_site, "Budget Co", dagster_instance, resources)
    with clean_db.transaction() as conn:
        spent = company_spend(conn, company.id, None).spent_usd
        # room for the plan and a few script batches (each reserves its ceiling), not for 20
        set_budget(conn, company.id, spent + 0.08)
    before = text_requests(gemini_simulator)

    ok, message = run_stage(company.slug, "ad_scripts", dagster_instance, resources)

    assert not ok
    assert "budget" in message and "spent" in message and "remaining" in message
    first_run = text_requests(gemini_simulator) - before
    assert 0 < first_run < 21  # of 1 angle plan + 20 batches
    assert counts(clean_db, company.id)["scripts"] == 0 and counts(clean_db, company.id)["personas"] == 5
    with clean_db.transaction() as conn:
        spend = company_spend(conn, company.id, None)
        reservations = conn.execute("select count(*) as n from spend_reservations").fetchone()["n"]
        cached = conn.execute("select count(*) as n from generation_cache where step = 'ad_scripts'").fetchone()["n"]
    assert spend.spent_usd <= spend.budget_usd and reservations == 0  # the ledger holds it all now
    assert cached == first_run  # every batch paid for is kept, outside the stage's rows

    with clean_db.transaction() as conn:
        set_budget(conn, company.id, 5.0)
    before = text_requests(gemini_simulator)
    ok, message = run_stage(company.slug, "ad_scripts", dagster_instance, resources)

    assert ok, message
    assert counts(clean_db, company.id)["scripts"] == 100
    assert text_requests(gemini_simulator) - before == 21 - first_run  # nothing paid twice
    rows = [r for r in ledger(clean_db, company.id) if r["step"] == "ad_scripts" and r["status"] == "ok"]
    hits = [r for r in rows if r["note"] and r["note"].startswith("cache hit")]
    assert len(hits) == first_run and all(float(r["cost_usd"]) == 0 for r in hits)
    with clean_db.transaction() as conn:  # the stage completed: its cached replies are in its rows now
        assert conn.execute("select count(*) as n from generation_cache where step = 'ad_scripts'").fetchone()["n"] == 0


def test_no_limit_only_when_said_explicitly(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    """COMPANY_BUDGET_USD defaults to a limit; 0 (for the deployment or one company) is "no limit"."""
    assert Settings().company_budget_usd == 25.0
    tiny = build_resources(sim_settings(settings, gemini_simulator, sample_site, company_budget_usd=0.001))
    company = company_with_personas(clean_db, sample_site, "Zero Co", dagster_instance,
                                    build_resources(sim_settings(settings, gemini_simulator, sample_site)),
                                    budget_usd=0)
    ok, message = run_stage(company.slug, "ad_scripts", dagster_instance, tiny)
    assert ok, message  # the company's own 0 = no limit beats the tiny default
    other = company_with_personas(clean_db, sample_site, "Default Co", dagster_instance,
                                  build_resources(sim_settings(settings, gemini_simulator, sample_site)))
    ok, message = run_stage(other.slug, "ad_scripts", dagster_instance, tiny)
    assert not ok and "budget" in message
