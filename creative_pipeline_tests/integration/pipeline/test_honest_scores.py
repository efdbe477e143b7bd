"""script_scores end to end: rubric sub-scores anchored onto one scale, offline and through the
real SDK against the Gemini simulator; what the scorer is shown."""

import json
import re
import statistics

from dagster import AssetKey, DagsterInstance

from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import add_company, site_settings
from creative_pipeline_tests.integration.pipeline.test_gemini_chain import gemini_settings
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

RUBRIC_KEYS = {"hook", "clarity", "proof", "persona_fit", "platform_fit", "cta", "viral", "pattern"}


def score_rows(db: Database, company_id) -> list[dict]:
    with db.transaction() as conn:
        return conn.execute("select * from scores where company_id = %s", (company_id,)).fetchall()


def test_offline_scores_are_rubric_based_anchored_and_spread(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance
) -> None:
    company = add_company(clean_db, sample_site, name="Brightbrew Coffee")
    resources = build_resources(site_settings(settings, sample_site))
    assert all(ok for _, _, ok in run_chain(company.slug, stage_names("script_scores"), instance=dagster_instance,
                                            resources=resources))
    rows = score_rows(clean_db, company.id)
    assert len(rows) == 100
    assert {r["template_version"] for r in rows} == {"score_scripts.v2"}
    assert {r["calibration"] for r in rows} == {"anchored"}  # the offline rubric tells the anchors apart
    assert all(set(r["rubric"]) == RUBRIC_KEYS for r in rows)
    assert all(r["rationale"].startswith("offline heuristic") for r in rows)
    finals = [r["final"] for r in rows]
    print(f"\noffline final: min {min(finals):.1f} median {statistics.median(finals):.1f} max {max(finals):.1f} "
          f"stdev {statistics.pstdev(finals):.2f}, {len(set(finals))} distinct")
    assert max(finals) - min(finals) >= 15 and len(set(finals)) >= 50
    # no performance data yet: no prior, weight 0, the seed formula exactly
    assert all(r["performance_prior"] is None and r["prior_weight"] == 0 and r["prior_evidence"] == [] for r in rows)
    for r in rows:
        assert abs(r["final"] - (0.45 * r["llm"] + 0.35 * r["trend"] + 0.20 * r["viral"])) < 1e-2
    meta = dagster_instance.get_latest_materialization_event(AssetKey("script_scores")).asset_materialization.metadata
    assert meta["vertical"].value == "food_beverage" and meta["anchored_scripts"].value == 100
    assert meta["example_patterns"].value[0].startswith("fb_")


def test_the_scorer_sees_pains_objections_patterns_and_mixed_personas_in_four_calls(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    company = add_company(clean_db, sample_site, name="Brightbrew Coffee")
    resources = build_resources(gemini_settings(settings, gemini_simulator, sample_site))
    assert all(ok for _, _, ok in run_chain(company.slug, stage_names("script_scores"), instance=dagster_instance,
                                            resources=resources))
    calls = [r for r in gemini_simulator.requests_for("generateContent")
             if "scores" in r.body["generationConfig"].get("responseSchema", {}).get("properties", {})]
    assert len(calls) == 4
    with clean_db.transaction() as conn:
        personas = conn.execute("select name, data from personas where company_id = %s", (company.id,)).fetchall()
    for call in calls:
        prompt = call.body["contents"][0]["parts"][0]["text"]
        fenced = re.search(r'<untrusted-(\w+) source="generated">\n(.*?)\n</untrusted-\1>', prompt, re.S)
        scripts = json.loads(fenced[2].replace("&lt;", "<").replace("&gt;", ">"))
        assert len(scripts) == 27  # 25 scripts + the 2 anchors
        assert len({s["persona"] for s in scripts}) == 5  # every pack mixes the personas
        assert all(s["persona_pains"] and s["persona_objections"] for s in scripts)
        assert "Example patterns for this company's vertical (food_beverage)" in prompt and "fb_taste_reaction" in prompt
        item = call.body["generationConfig"]["responseSchema"]["properties"]["scores"]["items"]
        order = item.get("propertyOrdering") or item.get("property_ordering")
        assert order.index("rationale") < order.index("hook")  # the rationale comes before the scores
    pains = {p for row in personas for p in row["data"]["pains"]}
    assert any(p in calls[0].body["contents"][0]["parts"][0]["text"] for p in pains)
    rows = score_rows(clean_db, company.id)
    finals = [r["final"] for r in rows]
    print(f"\nsimulated final: min {min(finals):.1f} median {statistics.median(finals):.1f} max {max(finals):.1f} "
          f"stdev {statistics.pstdev(finals):.2f}; calibrations {sorted({r['calibration'][:20] for r in rows})}")
    assert len(rows) == 100 and all(0 <= r["llm"] <= 100 for r in rows)
    assert all(r["calibration"] == "anchored" or "raw: " in r["calibration"] for r in rows)
