"""Compliance through the real chain (offline provider, real Postgres, real Dagster): a UVP full
of claims ends with no RED winner; fewer eligible scripts than N give fewer winners, said so;
a reviewer's override is stored, audited and survives regenerating the scripts."""

import pytest
from dagster import AssetKey, DagsterEventType, DagsterInstance

from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.compliance import override_history
from creative_pipeline.services.compliance import override_verdict
from creative_pipeline.services.report import company_report
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import add_company, site_settings

CLAIMS_UVP = (
    "Our cold brew cures diabetes and melts belly fat. Lose 10 kg in a week, guaranteed. "
    "Are you struggling with your weight? Fresh cold brew delivered every two weeks. "
    "The best coffee in the world."
)


def _checks(instance: DagsterInstance) -> dict[str, bool]:
    return {
        e.dagster_event.event_specific_data.check_name: e.dagster_event.event_specific_data.passed
        for run in instance.get_runs()
        for e in instance.all_logs(run.run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION)
    }


def _winner_metadata(instance: DagsterInstance) -> dict:
    return instance.get_latest_materialization_event(AssetKey("winners")).asset_materialization.metadata


def test_a_uvp_full_of_claims_ends_with_no_red_winner(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance
) -> None:
    company = add_company(clean_db, sample_site, uvp=CLAIMS_UVP, name="Claimy Coffee")
    resources = build_resources(site_settings(settings, sample_site))
    result = run_chain(company.slug, stage_names("creative_briefs"), instance=dagster_instance, resources=resources)
    assert all(ok for _, _, ok in result), result
    with clean_db.transaction() as conn:
        report = company_report(conn, company.slug)
    verdicts = [s["compliance"]["verdict"] for s in report["scripts"]]
    assert verdicts.count("RED") >= 40 and verdicts.count("GREEN") >= 10 and "YELLOW" in verdicts
    winners = [s for s in report["scripts"] if s["is_winner"]]
    assert len(winners) == 10
    assert all(w["compliance"]["verdict"] in ("GREEN", "YELLOW") for w in winners)
    red = next(s for s in report["scripts"] if s["compliance"]["verdict"] == "RED")
    rules = {r["rule_id"] for r in red["compliance"]["reasons"]}
    assert rules & {"health.disease_claim", "weight.loss_promise", "attributes.personal_question"}
    assert all(r["matched"] and r["policy_area"] and r["source"] == "rules" for r in red["compliance"]["reasons"])
    assert red["compliance"]["gemini_check"] == "not checked (offline)"
    # the best-scored scripts overall include RED ones the winners skipped
    best = sorted(report["scripts"], key=lambda s: -s["scores"]["final"])[:10]
    assert any(s["compliance"]["verdict"] == "RED" for s in best)
    meta = _winner_metadata(dagster_instance)
    assert meta["excluded_red_scripts"].value == verdicts.count("RED")
    assert meta["yellow_winners"].value == sum(w["compliance"]["verdict"] == "YELLOW" for w in winners)
    assert all(b["compliance"]["verdict"] != "RED" for b in report["briefs"])  # briefs of non-RED winners
    checks = _checks(dagster_instance)
    assert checks["verdict_per_script"] and checks["ten_winners"] and checks["brief_per_winner"]


def test_fewer_eligible_than_n_then_an_override_that_survives_regeneration(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance
) -> None:
    company = add_company(clean_db, sample_site, uvp="Our tea cures diabetes in a week.", name="Cure Tea")
    resources = build_resources(site_settings(settings, sample_site))
    result = run_chain(company.slug, stage_names("winners"), instance=dagster_instance, resources=resources)
    assert all(ok for _, _, ok in result), result
    meta = _winner_metadata(dagster_instance)
    assert meta["winners"].value == 0 and meta["eligible_scripts"].value == 0
    assert "0 winners instead of 10" in meta["fewer_winners_than_wanted"].value
    assert _checks(dagster_instance)["ten_winners"]  # expects min(10, eligible) = 0

    with clean_db.transaction() as conn:
        scripts = company_report(conn, company.slug)["scripts"]
    target = scripts[0]
    with pytest.raises(ValueError, match="needs a reason"):
        override_verdict(clean_db, company, target["id"][:8], "  ", "cli:test")
    outcome = override_verdict(clean_db, company, target["id"][:8], "FDA-cleared device, 510(k) K000000", "cli:test")
    assert outcome.verdict_before == "RED" and outcome.verdict == "GREEN"

    again = run_chain(company.slug, ["winners"], instance=dagster_instance, resources=resources)
    assert all(ok for _, _, ok in again)
    assert _winner_metadata(dagster_instance)["winners"].value == 1

    # regenerating the scripts (same words offline) deletes them, not the override
    regen = run_chain(company.slug, ["ad_scripts", "script_scores", "script_compliance", "winners"],
                      instance=dagster_instance, resources=resources)
    assert all(ok for _, _, ok in regen)
    with clean_db.transaction() as conn:
        report = company_report(conn, company.slug)
        history = override_history(conn, company.id)
    assert len(history) == 1 and history[0].script_id is None and history[0].reviewer_label == "cli:test"
    winners = [s for s in report["scripts"] if s["is_winner"]]
    assert len(winners) == 1 and winners[0]["headline"] == target["headline"] and winners[0]["body"] == target["body"]
    assert winners[0]["compliance"]["override"]["reason"].startswith("FDA-cleared")
    assert winners[0]["compliance"]["computed_verdict"] == "RED"
    with clean_db.transaction() as conn, pytest.raises(Exception, match="audit trail"):
        conn.execute("update compliance_overrides set reason = 'edited' where company_id = %s", (company.id,))
