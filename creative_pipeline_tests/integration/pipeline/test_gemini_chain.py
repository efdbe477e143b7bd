"""The chain through the real google-genai SDK against the local Gemini-protocol simulator,
including each injected fault."""

import re

import pytest
from dagster import DagsterInstance

from creative_pipeline.cli.report import company_report
from creative_pipeline.domain.vocabulary import ANGLES, Angle
from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import add_company, counts, site_settings
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

GENERATION = stage_names("creative_briefs")


def gemini_settings(settings: Settings, sim: GeminiSimulator, site: str, **changes: object) -> Settings:
    return site_settings(
        settings, site, gemini_api_key="sim-key", gemini_base_url=sim.base_url, gemini_backoff_base_s=0.05,
        **{"gemini_max_attempts": 4, **changes},
    )


def company_with_personas(db: Database, site: str, name: str, instance: DagsterInstance, resources: dict):
    """A company through `company_context` and `personas`: the start of the fault scenarios."""
    company = add_company(db, site, name=name)
    assert all(ok for _, _, ok in run_chain(company.slug, ["company_context", "personas"], instance=instance,
                                            resources=resources))
    return company


def usage_rows(db: Database, company_id) -> list[dict]:
    with db.transaction() as conn:
        return conn.execute("select * from api_usage where company_id = %s", (company_id,)).fetchall()


def test_chain_runs_on_gemini_through_the_sdk(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    company = add_company(clean_db, sample_site, name="Brightbrew Coffee")
    resources = build_resources(gemini_settings(settings, gemini_simulator, sample_site))
    result = run_chain(company.slug, GENERATION, instance=dagster_instance, resources=resources)
    assert all(ok for _, _, ok in result), result
    assert counts(clean_db, company.id) == {"personas": 5, "scripts": 100, "scores": 100, "winners": 10, "briefs": 10}

    text_calls = [r for r in gemini_simulator.requests if r.endpoint == "generateContent"]
    # 1 personas + 1 angle plan + 20 script batches + 4 score packs (25 scripts + 2 anchors) + 4 compliance packs
    # + 3 brief packs (4 + 4 + 2 winners)
    assert len(text_calls) == 33
    assert all(r.headers.get("x-goog-api-key") == "sim-key" for r in text_calls)
    schema_calls = [r for r in text_calls if "responseSchema" in r.body.get("generationConfig", {})
                    or "responseJsonSchema" in r.body.get("generationConfig", {})]
    assert len(schema_calls) == 33
    # scraped text reaches the prompt fenced as untrusted data
    persona_prompt = text_calls[0].body["contents"][0]["parts"][0]["text"]
    assert re.search(r'<untrusted-[0-9a-f]{16} source="website">', persona_prompt) and "Brightbrew" in persona_prompt

    with clean_db.transaction() as conn:
        report = company_report(conn, company.slug)
    assert {s["provider"] for s in report["scripts"]} == {"gemini"}
    assert {s["model"] for s in report["scripts"]} == {"gemini-3.8-flash"}
    # each angle's temperature (domain/vocabulary.py), recorded...
    assert {s["temperature"] for s in report["scripts"]} == {ANGLES[Angle(s["angle"])].temperature for s in report["scripts"]}
    assert len({s["angle"] for s in report["scripts"]}) >= 8
    with clean_db.transaction() as conn:
        batches = conn.execute("select temperature_applied, model_version from script_batches where company_id = %s",
                               (company.id,)).fetchall()
    assert {(b["temperature_applied"], b["model_version"]) for b in batches} == {(False, "gemini-3.8-flash")}
    # ...but not sent: Gemini 3.8 ignores temperature; thinking_level per call kind instead of a budget
    configs = [r.body["generationConfig"] for r in text_calls]
    assert not any("temperature" in c for c in configs)
    # google-genai 2.34 sends it as `thinking_level` (snake_case, which the REST API accepts too)
    levels = [c["thinkingConfig"].get("thinkingLevel") or c["thinkingConfig"].get("thinking_level") for c in configs]
    assert levels.count("MEDIUM") == 4 and levels.count("LOW") == len(text_calls) - 4  # score packs think more
    assert not any({"thinkingBudget", "thinking_budget"} & set(c["thinkingConfig"]) for c in configs)
    # the defaults never call a retired id; the preflight asked about each model once
    assert {r.model for r in gemini_simulator.requests if r.model} <= {"gemini-3.8-flash", "gemini-nano-banana-2.1",
                                                                       "gemini-omni-1.1-flash"}
    assert len(gemini_simulator.requests_for("models.get")) == 3
    ledger = usage_rows(clean_db, company.id)
    ok_text = [u for u in ledger if u["provider"] == "gemini" and u["status"] == "ok"]
    assert len(ok_text) == 33
    assert all(u["tokens_in"] > 0 and float(u["cost_usd"]) > 0 for u in ok_text)
    assert {u["model_version"] for u in ok_text} == {"gemini-3.8-flash"}


@pytest.mark.parametrize("fault", ["invalid_json", "truncated", "wrong_schema", "safety", "prompt_blocked",
                                   "empty_candidates", "rate_limited", "server_error", "unavailable"])
def test_each_fault_is_absorbed_by_the_retry_policy(
    fault: str, clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    company = add_company(clean_db, sample_site, name="Faulty Co")
    gemini_simulator.retry_delay = "0.2s"
    gemini_simulator.inject(fault, times=2)
    resources = build_resources(gemini_settings(settings, gemini_simulator, sample_site))
    result = run_chain(company.slug, ["company_context", "personas"], instance=dagster_instance, resources=resources)
    assert all(ok for _, _, ok in result), result
    assert counts(clean_db, company.id)["personas"] == 5
    faulted = [r for r in gemini_simulator.requests if r.fault == fault]
    assert len(faulted) == 2
    retried = [u for u in usage_rows(clean_db, company.id) if u["status"] == "retry"]
    assert len(retried) == 2 and all(u["error"] for u in retried)
    if fault == "rate_limited":  # the server's RetryInfo delay (0.2 s) was honoured between attempts
        times = [r.at for r in gemini_simulator.requests if r.endpoint == "generateContent"]
        assert times[1] - times[0] >= 0.18 and times[2] - times[1] >= 0.18


def test_a_batch_that_keeps_failing_fails_the_stage_and_keeps_the_previous_scripts(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    """100 scripts or nothing: a batch the model keeps refusing fails the step (after its step
    retries), names the batch, and leaves the previous 100 scripts exactly as they were."""
    resources = build_resources(gemini_settings(settings, gemini_simulator, sample_site))
    company = company_with_personas(clean_db, sample_site, "Partial Co", dagster_instance, resources)
    assert all(ok for _, _, ok in run_chain(company.slug, ["ad_scripts"], instance=dagster_instance, resources=resources))
    with clean_db.transaction() as conn:
        before = conn.execute("select id, headline from scripts where company_id = %s order by id", (company.id,)).fetchall()
    one_attempt = build_resources(gemini_settings(settings, gemini_simulator, sample_site, gemini_max_attempts=1))
    gemini_simulator.inject("safety", times=100_000, model=None)
    result = run_chain(company.slug, ["ad_scripts"], instance=dagster_instance, resources=one_attempt)
    assert not result[0][2]
    with clean_db.transaction() as conn:
        after = conn.execute("select id, headline from scripts where company_id = %s order by id", (company.id,)).fetchall()
        batches = conn.execute("select status from script_batches where company_id = %s", (company.id,)).fetchall()
    assert after == before and len(before) == 100
    assert {b["status"] for b in batches} == {"ok"}
    ledger = usage_rows(clean_db, company.id)
    assert any("SAFETY" in (u["error"] or "") for u in ledger)  # the attempts are still in the cost ledger


def test_failed_stage_leaves_previous_rows_intact(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    resources = build_resources(gemini_settings(settings, gemini_simulator, sample_site))
    company = company_with_personas(clean_db, sample_site, "Intact Co", dagster_instance, resources)
    with clean_db.transaction() as conn:
        before = conn.execute("select id, name from personas where company_id = %s order by position", (company.id,)).fetchall()
    gemini_simulator.api_key = "another-key"  # every call now answers 403: a permanent error
    result = run_chain(company.slug, ["personas"], instance=dagster_instance, resources=resources)
    assert not result[0][2]
    with clean_db.transaction() as conn:
        after = conn.execute("select id, name from personas where company_id = %s order by position", (company.id,)).fetchall()
    assert after == before


def test_a_lax_server_that_ignores_counts_and_lengths_still_yields_a_complete_chain(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    """Another Gemini-protocol server may not enforce minItems/maxLength: over-long text is
    clipped, extra items dropped, and scripts a short score reply left out are scored again."""
    company = add_company(clean_db, sample_site, name="Lax Co")
    shorted = []

    def lax(body: dict, model: str) -> dict | None:
        properties = body["generationConfig"].get("responseSchema", {}).get("properties", {})
        if "scores" in properties and not shorted:
            shorted.append(True)
            return {"scores": [{"ref": "S1", "rationale": "only one " * 80, "hook": 9, "clarity": 9, "proof": 9,
                                "persona_fit": 9, "platform_fit": 9, "cta": 9, "pattern": "none", "viral": 8}]}
        if "personas" in properties:
            person = {"archetype": "busy founder", "age_range": "30-44", "description": "d " * 500,
                      "pains": ["p"] * 9, "goals": ["g"], "objections": ["o"], "channels": ["c"]}
            return {"personas": [{**person, "name": f"Persona {i} " + "x" * 200} for i in range(7)]}
        return None

    gemini_simulator.responder = lax
    resources = build_resources(gemini_settings(settings, gemini_simulator, sample_site))
    result = run_chain(company.slug, stage_names("winners"), instance=dagster_instance, resources=resources)
    assert all(ok for _, _, ok in result), result
    assert counts(clean_db, company.id) | {"briefs": 0} == {"personas": 5, "scripts": 100, "scores": 100, "winners": 10,
                                                          "briefs": 0}
    score_calls = [r for r in gemini_simulator.requests_for("generateContent")
                   if "scores" in r.body.get("generationConfig", {}).get("responseSchema", {}).get("properties", {})]
    assert len(score_calls) == 6  # 4 packs of 25 + the 24 scripts the short reply left out, in packs of 12
    with clean_db.transaction() as conn:
        names = [r["name"] for r in conn.execute("select name from personas where company_id = %s", (company.id,))]
    assert all(len(n) <= 80 and n.endswith("…") for n in names)
