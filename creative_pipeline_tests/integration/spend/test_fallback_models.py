"""Fallback models: while the primary answers "model overloaded" or its breaker is open, the next
model of the kind's list answers; the rows and the ledger say which model and why."""

from __future__ import annotations

from dagster import DagsterInstance

from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.gemini import catalog
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import add_company
from creative_pipeline_tests.integration.spend.helpers import ledger, run_stage, sim_settings
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

PRIMARY, FALLBACK = catalog.DEFAULT_TEXT_MODEL, catalog.DEFAULT_CHEAP_TEXT_MODEL


def test_an_overloaded_primary_hands_over_to_the_fallback(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    resources = build_resources(sim_settings(settings, gemini_simulator, sample_site,
                                             gemini_text_fallback_models=[FALLBACK]))
    company = add_company(clean_db, sample_site, name="Fallback Co")
    assert run_stage(company.slug, "company_context", dagster_instance, resources)[0]
    gemini_simulator.inject("unavailable", times=10_000, model=PRIMARY)  # 503 "The model is overloaded"

    ok, message = run_stage(company.slug, "personas", dagster_instance, resources)

    assert ok, message
    # the ledger names the model that answered and why (stage rows still store the configured model)
    answered = [r for r in ledger(clean_db, company.id) if r["status"] == "ok"]
    assert [(r["model"], r["note"]) for r in answered] == [
        (FALLBACK, f"fallback from {PRIMARY}: model overloaded (503 UNAVAILABLE: The model is overloaded. "
                   "Please try again later.)")]
    # one attempt on the overloaded primary, not four: the fallback takes over at once
    assert len(gemini_simulator.requests_for("generateContent", PRIMARY)) == 1


def test_an_open_breaker_on_the_primary_routes_to_the_fallback(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    resources = build_resources(sim_settings(settings, gemini_simulator, sample_site,
                                             gemini_text_fallback_models=[FALLBACK]))
    company = add_company(clean_db, sample_site, name="Breaker Fallback Co")
    assert run_stage(company.slug, "company_context", dagster_instance, resources)[0]
    with clean_db.transaction() as conn:  # another process saw the primary fail: its breaker is open
        conn.execute("insert into provider_breakers (name, state, open_until, last_error) "
                     "values (%s, 'open', now() + interval '1 minute', '500 INTERNAL')", (PRIMARY,))

    ok, message = run_stage(company.slug, "personas", dagster_instance, resources)

    assert ok, message
    assert gemini_simulator.requests_for("generateContent", PRIMARY) == []
    notes = {r["note"] for r in ledger(clean_db, company.id) if r["status"] == "ok"}
    assert len(notes) == 1 and notes.pop().startswith(f"fallback from {PRIMARY}: circuit open")
