"""Issue 18 item 1: a company's text chain stays within 45 Gemini calls when every reply is
complete, counted from the simulator's own request log; briefs are packed (at most 3 calls for
10 winners) and a short packed reply re-asks only the winners it left out."""

import re

from dagster import DagsterInstance

from benchmarks.text_calls import MAX_TEXT_CALLS, measure_company
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import add_company, counts
from creative_pipeline_tests.integration.pipeline.test_gemini_chain import gemini_settings
from creative_pipeline_tests.simulators.call_log import text_calls
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator


def test_a_company_text_chain_stays_within_45_calls_by_the_simulator_log(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    gemini_simulator.configure(latency_s=0.2)  # so concurrent calls overlap in the log
    company = add_company(clean_db, sample_site, name="Call Count Co")
    resources = build_resources(gemini_settings(settings, gemini_simulator, sample_site))
    result = measure_company(company.slug, gemini_simulator, resources, dagster_instance)
    assert counts(clean_db, company.id)["briefs"] == 10
    assert result["company"]["calls"] <= MAX_TEXT_CALLS, result
    assert result["stages"]["creative_briefs"]["calls"] <= 3  # 10 winners in packs
    assert result["company"]["calls"] == sum(s["calls"] for s in result["stages"].values())
    assert result["company"]["tokens_in"] > 0 and result["company"]["tokens_out"] > 0
    # stages run one after another: the company's critical path is the sum of the stages'
    assert result["company"]["critical_path"] == sum(s["critical_path"] for s in result["stages"].values())
    # calls of a stage go out together (up to GEMINI_MAX_CONCURRENCY): the path is shorter than the count
    assert result["stages"]["ad_scripts"]["critical_path"] < result["stages"]["ad_scripts"]["calls"]
    assert 1 <= result["stages"]["creative_briefs"]["critical_path"] <= result["stages"]["creative_briefs"]["calls"]


def test_a_short_packed_brief_reply_reasks_only_the_winners_it_left_out(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    asked: list[list[str]] = []
    shorted: list[list[str]] = []

    def short_first_pack(body: dict, model: str) -> dict | None:
        if "briefs" not in _properties(body):
            return None
        refs = re.findall(r'"ref": "(W\d+)"', body["contents"][0]["parts"][0]["text"])
        asked.append(refs)
        if len(refs) == 4 and not shorted:  # one pack of four answers only its first winner
            shorted.append(refs)
            return {"briefs": [{**_any_brief(), "ref": refs[0]}]}
        return None

    gemini_simulator.responder = short_first_pack
    company = add_company(clean_db, sample_site, name="Short Pack Co")
    resources = build_resources(gemini_settings(settings, gemini_simulator, sample_site))
    result = run_chain(company.slug, stage_names("creative_briefs"), instance=dagster_instance, resources=resources)
    assert all(ok for _, _, ok in result), result
    assert counts(clean_db, company.id)["briefs"] == 10
    first_round, reasked = asked[:3], asked[3:]
    assert sorted(len(p) for p in first_round) == [2, 4, 4]
    assert sorted(r for p in reasked for r in p) == sorted(shorted[0][1:])  # only the three left out
    brief_calls = [r for r in text_calls(gemini_simulator.requests) if "briefs" in _properties(r.body)]
    assert len(brief_calls) == len(asked) <= 5


def _properties(body: dict) -> dict:
    config = body.get("generationConfig", {})
    return (config.get("responseSchema") or config.get("responseJsonSchema") or {}).get("properties", {})


def _any_brief() -> dict:
    shot = {"start_s": 0, "end_s": 4, "description": "The product on a kitchen counter, morning light."}
    return {
        "image": {"headline": "Cafe taste at home", "cta": "Try it today", "subheadline": "Ten seconds",
                  "visual_description": "A glass of cold brew on a wooden counter, soft window light.",
                  "composition": "centered", "palette": ["#112233", "#445566"], "aspect_ratio": "9:16",
                  "variations": ["from above", "in a hand"]},
        "video": {"concept": "Pour, sip, smile.", "shots": [shot], "cta": "Try it today", "aspect_ratio": "9:16",
                  "duration_seconds": 4},
    }
