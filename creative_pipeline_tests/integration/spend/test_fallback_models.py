"""Fallback models: while the primary answers "model overloaded" or its breaker is open, the next
model of the kind's list answers; the stored rows, the stage's metadata and the ledger say which
model and why, row by row when a stage was answered by several models."""

from __future__ import annotations

from collections import Counter

from dagster import DagsterInstance

from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import add_company
from creative_pipeline_tests.integration.spend.helpers import (
    FALLBACK,
    PRIMARY,
    company_with_personas,
    fallback_resources,
    ledger,
    metadata,
    rows,
    run_stage,
)
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

OVERLOADED = f"fallback from {PRIMARY}: model overloaded (503 UNAVAILABLE: The model is overloaded."


def test_an_overloaded_primary_hands_over_to_the_fallback(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    resources = fallback_resources(settings, gemini_simulator, sample_site)
    company = add_company(clean_db, sample_site, name="Fallback Co")
    assert run_stage(company.slug, "company_context", dagster_instance, resources)[0]
    gemini_simulator.inject("unavailable", times=10_000, model=PRIMARY)  # 503 "The model is overloaded"

    ok, message = run_stage(company.slug, "personas", dagster_instance, resources)

    assert ok, message
    # the ledger names the model that answered and why
    answered = [r for r in ledger(clean_db, company.id) if r["status"] == "ok"]
    assert [(r["model"], r["note"]) for r in answered] == [
        (FALLBACK, f"{OVERLOADED} Please try again later.)")]
    # one attempt on the overloaded primary, not four: the fallback takes over at once
    assert len(gemini_simulator.requests_for("generateContent", PRIMARY)) == 1
    # so do the stored rows and the stage's metadata
    people = rows(clean_db, "select model, fallback_reason from personas where company_id = %s", company.id)
    assert len(people) == 5 and {p["model"] for p in people} == {FALLBACK}
    assert all(p["fallback_reason"].startswith(OVERLOADED) for p in people)
    shown = metadata(dagster_instance, "personas")
    assert shown["model"] == FALLBACK and shown["models"] == {FALLBACK: 5} and shown["rows_from_fallback"] == 5
    assert isinstance(shown["spent_usd"], float) and shown["budget_usd"] == "$25.00"  # every paid stage shows it


def test_an_open_breaker_on_the_primary_routes_to_the_fallback(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    resources = fallback_resources(settings, gemini_simulator, sample_site)
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


def test_a_stage_partly_answered_by_the_fallback_records_each_row(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    resources = fallback_resources(settings, gemini_simulator, sample_site)
    company = company_with_personas(clean_db, sample_site, "Mixed Models Co", dagster_instance, resources)
    # the next 3 requests to the primary are "overloaded" (fewer than the breaker's threshold):
    # the angle plan (the stage's first call) and 2 of the 20 batches are answered by the fallback
    gemini_simulator.inject("unavailable", times=3, model=PRIMARY)

    ok, message = run_stage(company.slug, "ad_scripts", dagster_instance, resources)

    assert ok, message
    batches = rows(clean_db, "select model, fallback_reason from script_batches where company_id = %s", company.id)
    assert Counter(b["model"] for b in batches) == {PRIMARY: 18, FALLBACK: 2}
    assert all((b["model"] == FALLBACK) == bool(b["fallback_reason"]) for b in batches)
    assert all(b["fallback_reason"].startswith(OVERLOADED) for b in batches if b["model"] == FALLBACK)
    scripts = rows(clean_db, "select model, fallback_reason from scripts where company_id = %s", company.id)
    assert Counter(s["model"] for s in scripts) == {PRIMARY: 90, FALLBACK: 10}
    assert all((s["model"] == FALLBACK) == bool(s["fallback_reason"]) for s in scripts)
    # the rows agree with the ledger's answered calls
    answered = [r for r in ledger(clean_db, company.id) if r["step"] == "ad_scripts" and r["status"] == "ok"]
    assert Counter(r["model"] for r in answered) == {PRIMARY: 18, FALLBACK: 3}  # the plan's call included
    shown = metadata(dagster_instance, "ad_scripts")
    assert shown["models"] == {PRIMARY: 90, FALLBACK: 10} and shown["rows_from_fallback"] == 10
    assert shown["angle_plan_by"] == FALLBACK
    assert shown["model"] == f"{PRIMARY}, {FALLBACK}"
