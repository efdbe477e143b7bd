"""The estimate is a ceiling: a fault-free run costs no more than it and at least half of it; a
run whose paid re-prompts stay within the retry allowance costs no more than it either."""

from __future__ import annotations

import json

import pytest
from dagster import AssetKey, DagsterInstance

from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.services.estimate import estimate_company
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import add_company
from creative_pipeline_tests.integration.spend.helpers import sim_settings
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

PAID_STAGES = ["personas", "ad_scripts", "script_scores", "script_compliance", "creative_briefs", "ad_images",
               "ad_videos"]


def actual_by_stage(db: Database, company_id) -> dict[str, float]:
    with db.transaction() as conn:
        rows = conn.execute("select step, sum(cost_usd)::float as usd from api_usage where company_id = %s "
                            "group by step", (company_id,)).fetchall()
    return {r["step"]: r["usd"] for r in rows}


def run_full_chain(db: Database, settings: Settings, site: str, instance: DagsterInstance, sim: GeminiSimulator,
                   name: str) -> tuple[dict, dict[str, float]]:
    sim.local_video_uris = True  # videos downloaded from the simulator itself
    resources = build_resources(sim_settings(
        settings, sim, site, video_approval_gate=False, video_poll_interval_s=0.02, video_deadline_s=5.0))
    company = add_company(db, site, name=name)
    assert run_chain(company.slug, ["company_context"], instance=instance, resources=resources)[0][2]
    s = sim_settings(settings, sim, site, video_approval_gate=False)
    with db.transaction() as conn:
        estimate = estimate_company(conn, company.slug, s)
    result = run_chain(company.slug, stage_names(None)[1:], instance=instance, resources=resources)
    assert all(ok for _, _, ok in result), result
    return estimate.model_dump(), actual_by_stage(db, company.id)


def test_fault_free_run_costs_between_half_the_estimate_and_the_estimate(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    estimate, actual = run_full_chain(clean_db, settings, sample_site, dagster_instance, gemini_simulator, "Est Co")
    print(json.dumps({"estimate": estimate["total_usd"], "actual": round(sum(actual.values()), 4),
                      "stages": {s: [estimate["stages"][s]["usd"], round(actual.get(s, 0), 4)] for s in PAID_STAGES}}))
    assert set(estimate["stages"]) == set(PAID_STAGES)
    for stage in PAID_STAGES:
        assert actual.get(stage, 0) <= estimate["stages"][stage]["usd"], stage
    total = sum(actual.values())
    assert total <= estimate["total_usd"] <= 2 * total
    # the UI shows what is still to be spent before the expensive stages
    event = dagster_instance.get_latest_materialization_event(AssetKey("creative_briefs"))
    shown = event.asset_materialization.metadata["cost_ahead_usd"].value  # type: ignore[union-attr]
    assert 0 < shown <= estimate["stages"]["ad_images"]["usd"] + estimate["stages"]["ad_videos"]["usd"]


@pytest.mark.parametrize("fault", ["invalid_json", "truncated", "wrong_schema", "safety", "rate_limited",
                                   "server_error", "no_image"])
def test_a_run_within_the_retry_allowance_stays_under_the_estimate(
    fault: str, clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    """Each fault hits twice (paid re-prompts where it is a bad reply, free retries where it is
    an error status): within the allowance of `max_attempts - 1` paid retries per stage."""
    gemini_simulator.retry_delay = "0.05s"
    gemini_simulator.inject(fault, times=2)
    estimate, actual = run_full_chain(clean_db, settings, sample_site, dagster_instance, gemini_simulator, "Fault Co")
    for stage in PAID_STAGES:
        assert actual.get(stage, 0) <= estimate["stages"][stage]["usd"], (stage, actual, estimate)
    assert sum(actual.values()) <= estimate["total_usd"]
