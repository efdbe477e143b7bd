"""Issue 15 through the real google-genai SDK against the simulator's lax writer: invented proof
("trusted by 50,000 happy customers", "rated 4.9 stars", "award-winning"), spoken lines far over
their time and items repeated word for word are repaired by asking again, or stored as scripts
that may not win, with the reason; they never win."""

from dagster import AssetKey, DagsterInstance

from creative_pipeline.cli.report import company_report
from creative_pipeline.domain.script_timing import word_budget
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import add_company, counts
from creative_pipeline_tests.integration.pipeline.test_gemini_chain import gemini_settings
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator

INVENTED = ("50,000", "4.9", "award")


def copy_of(script: dict) -> str:
    hooks = [script["hook_parts"], *script["hook_alternatives"]]
    parts = [*(h[k] for h in hooks for k in ("on_screen_text", "spoken")), script["meta"]["primary_text"],
             script["meta"]["headline"], script["cta_line"], *(b[k] for b in script["beats"] for k in ("spoken", "on_screen_text"))]
    return " ".join(parts).lower()


def metadata(instance: DagsterInstance, asset: str) -> dict:
    event = instance.get_latest_materialization_event(AssetKey(asset)).asset_materialization
    return {k: v.value for k, v in event.metadata.items()}


def test_invented_proof_is_repaired_or_set_aside_and_never_wins(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    company = add_company(clean_db, sample_site, name="Brightbrew Coffee")
    resources = build_resources(gemini_settings(settings, gemini_simulator, sample_site))
    gemini_simulator.writer = "lax"
    result = run_chain(company.slug, stage_names("winners"), instance=dagster_instance, resources=resources)
    assert all(ok for _, _, ok in result), result
    assert counts(clean_db, company.id)["scripts"] == 100 and counts(clean_db, company.id)["winners"] == 10
    facts = metadata(dagster_instance, "ad_scripts")
    # per batch: 2 scripts with invented proof asked again, 1 repeated word for word dropped
    assert facts["scripts_asked_again"] == 40 and facts["repeated_scripts_dropped"] == 20
    asked_again = [r for r in gemini_simulator.requests_for("generateContent")
                   if "A previous reply broke these rules" in r.body["contents"][0]["parts"][0]["text"]]
    assert asked_again and "50,000" in asked_again[0].body["contents"][0]["parts"][0]["text"]  # the fault is named
    with clean_db.transaction() as conn:
        scripts = company_report(conn, company.slug)["scripts"]
    assert not any(word in copy_of(s) for s in scripts for word in INVENTED)  # repaired: none stored
    assert all(s["eligibility"]["may_win"] for s in scripts)

    gemini_simulator.writer = "stubborn"  # asked again, it invents again
    result = run_chain(company.slug, stage_names("winners")[2:], instance=dagster_instance, resources=resources)
    assert all(ok for _, _, ok in result), result
    with clean_db.transaction() as conn:
        scripts = company_report(conn, company.slug)["scripts"]
    invented = [s for s in scripts if any(word in copy_of(s) for word in INVENTED)]
    assert len(invented) == 60  # 3 slots per batch filled from the second (still lax) replies
    for s in invented:
        reasons = s["eligibility"]["reasons"]
        assert not s["eligibility"]["may_win"] and not s["is_winner"]
        assert any(r.startswith("ungrounded claim") and "50,000" in r and "4.9" in r for r in reasons), reasons
        assert any(r.startswith("overrun") for r in reasons)  # 36 words for 4 s: trimmed, and too much
    for s in scripts:  # nothing is stored over its time, trimmed or not
        assert all(len(b["spoken"].split()) <= word_budget(b["end_s"] - b["start_s"]) for b in s["beats"])
    winners = metadata(dagster_instance, "winners")
    # the simulator's compliance verdicts are random: some careful scripts are RED too
    assert winners["winners"] == min(10, winners["eligible_scripts"]) and winners["eligible_scripts"] <= 40
    assert sum(n for gate, n in winners["not_eligible"].items() if gate != "compliance RED") > 0
