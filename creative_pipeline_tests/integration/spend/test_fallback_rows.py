"""Fallback models in the stored rows: every row names the model that actually produced it and,
when a fallback answered, why; a stage answered by several models records it row by row and
shows the mix in its metadata."""

from __future__ import annotations

from collections import Counter

from dagster import AssetKey, DagsterInstance

from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.gemini import catalog
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import add_company
from creative_pipeline_tests.integration.spend.helpers import company_with_personas, ledger, run_stage, sim_settings
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

PRIMARY, FALLBACK = catalog.DEFAULT_TEXT_MODEL, catalog.DEFAULT_CHEAP_TEXT_MODEL
OVERLOADED = f"fallback from {PRIMARY}: model overloaded (503 UNAVAILABLE: The model is overloaded."


def rows(db: Database, sql: str, company_id) -> list[dict]:
    with db.transaction() as conn:
        return conn.execute(sql, (company_id,)).fetchall()


def metadata(instance: DagsterInstance, asset: str) -> dict:
    event = instance.get_latest_materialization_event(AssetKey(asset))
    assert event is not None
    return {k: v.value for k, v in event.asset_materialization.metadata.items()}


def test_rows_name_the_fallback_model_and_the_reason(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    resources = build_resources(sim_settings(settings, gemini_simulator, sample_site,
                                             gemini_text_fallback_models=[FALLBACK]))
    company = add_company(clean_db, sample_site, name="Fallback Rows Co")
    assert run_stage(company.slug, "company_context", dagster_instance, resources)[0]
    gemini_simulator.inject("unavailable", times=10_000, model=PRIMARY)  # 503 "The model is overloaded"

    ok, message = run_stage(company.slug, "personas", dagster_instance, resources)

    assert ok, message
    people = rows(clean_db, "select model, fallback_reason from personas where company_id = %s", company.id)
    assert len(people) == 5 and {p["model"] for p in people} == {FALLBACK}
    assert all(p["fallback_reason"].startswith(OVERLOADED) for p in people)
    shown = metadata(dagster_instance, "personas")
    assert shown["model"] == FALLBACK and shown["models"] == {FALLBACK: 5} and shown["rows_from_fallback"] == 5
    assert isinstance(shown["spent_usd"], float) and shown["budget_usd"] == "$25.00"  # every paid stage shows it


def test_a_stage_partly_answered_by_the_fallback_records_each_row(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    resources = build_resources(sim_settings(settings, gemini_simulator, sample_site,
                                             gemini_text_fallback_models=[FALLBACK]))
    company = company_with_personas(clean_db, sample_site, "Mixed Models Co", dagster_instance, resources)
    # the next 3 requests to the primary are "overloaded" (fewer than the breaker's threshold):
    # 3 of the 20 batches are answered by the fallback, 17 by the primary
    gemini_simulator.inject("unavailable", times=3, model=PRIMARY)

    ok, message = run_stage(company.slug, "ad_scripts", dagster_instance, resources)

    assert ok, message
    batches = rows(clean_db, "select model, fallback_reason from script_batches where company_id = %s", company.id)
    assert Counter(b["model"] for b in batches) == {PRIMARY: 17, FALLBACK: 3}
    assert all((b["model"] == FALLBACK) == bool(b["fallback_reason"]) for b in batches)
    assert all(b["fallback_reason"].startswith(OVERLOADED) for b in batches if b["model"] == FALLBACK)
    scripts = rows(clean_db, "select model, fallback_reason from scripts where company_id = %s", company.id)
    assert Counter(s["model"] for s in scripts) == {PRIMARY: 85, FALLBACK: 15}
    assert all((s["model"] == FALLBACK) == bool(s["fallback_reason"]) for s in scripts)
    # the rows agree with the ledger's answered calls
    answered = [r for r in ledger(clean_db, company.id) if r["step"] == "ad_scripts" and r["status"] == "ok"]
    assert Counter(r["model"] for r in answered) == {PRIMARY: 17, FALLBACK: 3}
    shown = metadata(dagster_instance, "ad_scripts")
    assert shown["models"] == {PRIMARY: 85, FALLBACK: 15} and shown["rows_from_fallback"] == 15
    assert shown["model"] == f"{PRIMARY}, {FALLBACK}"
