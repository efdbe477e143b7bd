"""The Gemini side of compliance through the real google-genai SDK and the local simulator:
packed checks (short replies re-asked, a failed pack recorded, the model's reasons stored beside
the rules'), a permanent error that writes nothing, and a RED brief regenerated once."""

import json
import re
import threading

from dagster import AssetKey, DagsterInstance

from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.services.report import company_report
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import add_company
from creative_pipeline_tests.integration.pipeline.test_gemini_chain import gemini_settings, usage_rows
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

RED_BRIEF = {
    "image": {"headline": "Cures diabetes in a week", "subheadline": "", "cta": "Shop now",
              "visual_description": "A mug on a kitchen table", "composition": "centre", "palette": ["#112233", "#FFFFFF"],
              "aspect_ratio": "9:16", "style": "photo", "variations": ["closer", "outdoor"]},
    "video": {"concept": "Morning ritual", "shots": [{"description": "Pour", "on_screen_text": "Lose 10 kg in a week"}],
              "voiceover": "", "cta": "Shop now", "aspect_ratio": "9:16", "duration_seconds": 8, "resolution": "720p"},
}


def _properties(body: dict) -> dict:
    return body["generationConfig"].get("responseSchema", {}).get("properties", {})


def _prompt(body: dict) -> str:
    return body["contents"][0]["parts"][0]["text"]


def test_packed_gemini_check_stores_its_reasons_reasks_short_replies_and_records_a_failed_pack(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    lock, calls = threading.Lock(), []

    def reviewer(body: dict, model: str) -> dict | None:
        if "verdicts" not in _properties(body):
            return None
        refs = re.findall(r'"ref": "(C\d+)"', _prompt(body))
        with lock:
            calls.append(refs)
            first = len(calls) == 1
        verdicts = [{"ref": r, "verdict": "RED" if int(r[1:]) % 10 == 0 else "GREEN",
                     "findings": [{"policy_area": "implied health claim", "phrase": "the moment it clicks",
                                   "severity": "RED", "why": "implies a medical effect"}] if int(r[1:]) % 10 == 0 else []}
                    for r in refs]
        return {"verdicts": verdicts[:3] if first else verdicts}  # the first reply is short

    company = add_company(clean_db, sample_site, name="Checked Co")
    resources = build_resources(gemini_settings(settings, gemini_simulator, sample_site))
    assert all(ok for _, _, ok in run_chain(company.slug, stage_names("ad_scripts"), instance=dagster_instance,
                                            resources=resources))
    gemini_simulator.responder = reviewer
    gemini_simulator.inject("safety", times=1)  # one pack meets a block and, with one attempt, fails
    one_attempt = build_resources(gemini_settings(settings, gemini_simulator, sample_site, gemini_max_attempts=1))
    result = run_chain(company.slug, ["script_compliance"], instance=dagster_instance, resources=one_attempt)
    assert all(ok for _, _, ok in result), result

    # 3 packs answered (one short) + the 22 left out, re-asked in packs half the size (12 + 10);
    # the 4th pack was blocked
    assert len(calls) == 5
    assert sorted(len(c) for c in calls) == [10, 12, 25, 25, 25]
    with clean_db.transaction() as conn:
        rows = conn.execute("select * from script_compliance where company_id = %s", (company.id,)).fetchall()
        scripts = company_report(conn, company.slug)["scripts"]
    status = [r["model_status"] for r in rows]
    assert len(rows) == 100 and status.count("failed") == 25 and status.count("checked") == 75
    assert all("SAFETY" in r["model_note"] for r in rows if r["model_status"] == "failed")
    flagged = [s for s in scripts if any(x["source"] == "gemini" for x in s["compliance"]["reasons"])]
    assert flagged and all(s["compliance"]["verdict"] == "RED" for s in flagged)
    reason = next(x for x in flagged[0]["compliance"]["reasons"] if x["source"] == "gemini")
    assert reason["rule_id"] == "gemini.implied_health_claim" and reason["matched"] == "the moment it clicks"
    meta = dagster_instance.get_latest_materialization_event(AssetKey("script_compliance")).asset_materialization.metadata
    assert meta["gemini_check"].value.startswith("75 checked, 25 failed")
    assert any(u["step"] == "script_compliance" for u in usage_rows(clean_db, company.id))

    gemini_simulator.api_key = "another-key"  # 403 on every call: permanent, the step fails, rows stay
    failed = run_chain(company.slug, ["script_compliance"], instance=dagster_instance, resources=resources)
    assert not failed[0][2]
    with clean_db.transaction() as conn:
        after = conn.execute("select script_id, model_status from script_compliance where company_id = %s",
                             (company.id,)).fetchall()
    assert {(a["script_id"], a["model_status"]) for a in after} == {(r["script_id"], r["model_status"]) for r in rows}


def test_a_red_brief_is_regenerated_once_with_the_reasons_then_flagged(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    lock, revisions = threading.Lock(), []

    def briefs(body: dict, model: str) -> dict | None:
        properties = _properties(body)
        if "verdicts" in properties:  # every script passes the model check here
            return {"verdicts": [{"ref": r, "verdict": "GREEN", "findings": []}
                                 for r in re.findall(r'"ref": "(C\d+)"', _prompt(body))]}
        if "briefs" in properties:  # the packed first drafts: every winner's brief RED
            return {"briefs": [{**json.loads(json.dumps(RED_BRIEF)), "ref": r}
                               for r in re.findall(r'"ref": "(W\d+)"', _prompt(body))]}
        if not {"image", "video"} <= set(properties):
            return None
        if "Compliance:" not in _prompt(body):
            return json.loads(json.dumps(RED_BRIEF))
        with lock:
            revisions.append(_prompt(body))
            return json.loads(json.dumps(RED_BRIEF)) if len(revisions) == 1 else None  # one stays RED

    gemini_simulator.responder = briefs
    company = add_company(clean_db, sample_site, name="Brief Co")
    resources = build_resources(gemini_settings(settings, gemini_simulator, sample_site))
    result = run_chain(company.slug, stage_names("creative_briefs"), instance=dagster_instance, resources=resources)
    assert all(ok for _, _, ok in result), result
    assert len(revisions) == 10  # each RED brief regenerated exactly once
    assert "health.disease_claim" in revisions[0] and "image.headline" in revisions[0]
    assert "Cures diabetes" not in revisions[0].split("Compliance:")[1]  # the reasons, not the words
    with clean_db.transaction() as conn:
        stored = company_report(conn, company.slug)["briefs"]
    assert all(b["compliance"]["regenerated"] for b in stored)
    assert sum(b["compliance"]["flagged"] for b in stored) == 1
    flagged = next(b for b in stored if b["compliance"]["flagged"])
    assert {r["field"] for r in flagged["compliance"]["reasons"]} >= {"image.headline", "video.shot1.on_screen_text"}
    meta = dagster_instance.get_latest_materialization_event(AssetKey("creative_briefs")).asset_materialization.metadata
    assert meta["briefs_regenerated_for_compliance"].value == 10 and meta["briefs_flagged_red"].value == 1
