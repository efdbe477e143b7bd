"""Upload sensor → performance_data partition; insights day partitions; the performance prior
closing the loop."""

from datetime import datetime, timezone

import pytest
from dagster import DagsterInstance, build_schedule_context, build_sensor_context

from creative_pipeline.resources.supabase.buckets import EXPORTS_BUCKET
from creative_pipeline.cli.performance import run_insights
from creative_pipeline.services.run_company import run_chain
from creative_pipeline.definitions import defs
from creative_pipeline.demo.sample_export import synthetic_meta_export
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.assets.performance_data import import_bytes
from creative_pipeline.scoring.performance_prior import prior_from_evidence
from creative_pipeline.resources.policies.scoring import ScoringPolicy
from creative_pipeline.sensors.performance_uploads import performance_uploads_sensor
from creative_pipeline_tests.integration.performance.conftest import END


def test_upload_sensor_launches_one_import_per_file(clean_db: Database, briefed_company, dagster_instance: DagsterInstance) -> None:
    _, names, resources = briefed_company
    resources["supabase"].storage(EXPORTS_BUCKET).put("uploads/week.csv", synthetic_meta_export(names, END, 7), "text/csv")
    with clean_db.transaction() as conn:
        import_id = conn.execute(
            "insert into performance_imports (platform, source, file_name, storage_path, status) "
            "values ('auto', 'storage', 'week.csv', 'uploads/week.csv', 'pending') returning id").fetchone()["id"]
    context = build_sensor_context(instance=dagster_instance, resources={"supabase": resources["supabase"]})
    result = performance_uploads_sensor(context)
    assert [r.run_key for r in result.run_requests] == [f"import-{import_id}-0"]
    assert [r.partition_key for r in result.run_requests] == [str(import_id)]
    [add] = result.dynamic_partitions_requests
    assert add.partitions_def_name == "performance_import" and list(add.partition_keys) == [str(import_id)]
    dagster_instance.add_dynamic_partitions(add.partitions_def_name, list(add.partition_keys))  # what the daemon does
    job = defs.resolve_job_def("performance_import")
    for _ in range(2):  # a manual re-run of the same import does nothing the second time
        outcome = job.execute_in_process(partition_key=result.run_requests[0].partition_key, instance=dagster_instance,
                                         resources={"supabase": resources["supabase"]})
        assert outcome.success
    with clean_db.transaction() as conn:
        row = conn.execute("select status, report from performance_imports where id = %s", (import_id,)).fetchone()
        n = conn.execute("select count(*) as n from performance_data").fetchone()["n"]
    assert row["status"] == "done" and row["report"]["matched_rows"] == 70 and n == 71
    assert performance_uploads_sensor(context).run_requests in (None, [])


def test_insights_land_in_the_table_with_hand_checked_values(
    clean_db: Database, briefed_company, dagster_instance: DagsterInstance
) -> None:
    _, names, resources = briefed_company
    import_bytes(clean_db, synthetic_meta_export(names, END, 14), "two_weeks.csv", "meta")
    assert run_insights(instance=dagster_instance, resources=resources)
    with clean_db.transaction() as conn:
        expected = conn.execute("select sum(clicks)::float / sum(impressions) as ctr from performance_data "
                                "where creative_name is not null").fetchone()["ctr"]
        rows = conn.execute("select type, dimension, key, value, confidence, period_start, period_end from insights").fetchall()
        persona = conn.execute("select persona, sum(clicks)::float / sum(impressions) as ctr from performance_data "
                               "where creative_name is not null group by 1 order by 1 limit 1").fetchone()
    assert {r["period_end"] for r in rows} == {END}
    types = {r["type"] for r in rows}
    assert {"summary", "cost_efficiency", "effectiveness", "tier"} <= types
    ctr = next(r for r in rows if r["type"] == "summary" and r["key"] == "ctr")
    assert ctr["value"] == pytest.approx(expected)
    by_persona = next(r for r in rows if r["type"] == "effectiveness" and r["dimension"] == "persona"
                      and r["key"] == persona["persona"])
    assert by_persona["value"] == pytest.approx(persona["ctr"])
    event = dagster_instance.get_latest_materialization_event(__import__("dagster").AssetKey("performance_insights"))
    meta = event.asset_materialization.metadata
    assert meta["ctr_trend_chart"].value.startswith("![CTR week over week](data:image/png;base64,")
    assert meta["performance_rows"].value == 140
    assert run_insights(instance=dagster_instance, resources=resources)  # a re-run replaces, never duplicates
    with clean_db.transaction() as conn:
        assert conn.execute("select count(*) as n from insights").fetchone()["n"] == len(rows)


def test_daily_schedule_asks_for_yesterday_at_two_utc(dagster_instance: DagsterInstance) -> None:
    schedule = defs.resolve_schedule_def("daily_insights_schedule")
    context = build_schedule_context(instance=dagster_instance, repository_def=defs.get_repository_def(),
                                     scheduled_execution_time=datetime(2026, 11, 24, 2, 0, tzinfo=timezone.utc))
    [request] = schedule.evaluate_tick(context).run_requests
    assert request.partition_key == "2026-11-23"
    assert schedule.cron_schedule == "0 2 * * *" and schedule.execution_timezone == "UTC"
    assert schedule.job_name == "performance_insights_daily"


def test_prior_rewards_confident_evidence_and_ignores_thin_evidence() -> None:
    strong = prior_from_evidence({"driver": (1.0, 0.9)})
    thin = prior_from_evidence({"driver": (1.0, 0.05)})
    nothing = prior_from_evidence({})
    assert nothing == 50
    assert strong > 80 and thin < 53
    assert prior_from_evidence({"driver": (-1.0, 0.9)}) < 20
    # two confident dimensions average rather than add; opposite signals cancel
    assert prior_from_evidence({"driver": (1.0, 0.9), "format": (-1.0, 0.9)}) == 50


def test_prior_moves_scripts_with_a_strong_tag_up_and_changes_winners(
    clean_db: Database, briefed_company, dagster_instance: DagsterInstance
) -> None:
    company, _, resources = briefed_company
    with clean_db.transaction() as conn:
        conn.execute("insert into insights (period_start, period_end, type, dimension, key, value, confidence, data) values "
                     "('2026-11-01', '2026-11-20', 'effectiveness', 'driver', 'FOMO', 0.03, 0.95, "
                     "'{\"ctr_lift\": 1.5, \"impressions\": 50000, \"n_creatives\": 12}'), "
                     "('2026-11-01', '2026-11-20', 'effectiveness', 'driver', 'JOY', 0.03, 0.02, '{\"ctr_lift\": 1.5}')")
        before = {r["driver"]: r["avg"] for r in conn.execute(
            "select s.driver, avg(sc.final) as avg from scores sc join scripts s on s.id = sc.script_id "
            "where sc.company_id = %s group by 1", (company.id,))}
    resources = {**resources, "scoring": ScoringPolicy(prior_weight=0.3)}
    assert all(ok for _, _, ok in run_chain(company.slug, ["script_scores"], instance=dagster_instance, resources=resources))
    with clean_db.transaction() as conn:
        after = {r["driver"]: (r["avg"], r["prior"]) for r in conn.execute(
            "select s.driver, avg(sc.final) as avg, avg(sc.performance_prior) as prior from scores sc "
            "join scripts s on s.id = sc.script_id where sc.company_id = %s group by 1", (company.id,))}
    fomo_gain = after["FOMO"][0] - before["FOMO"]
    joy_gain = after["JOY"][0] - before["JOY"]
    neutral_gain = after["TRUST"][0] - before["TRUST"]
    assert after["FOMO"][1] > 55 and abs(after["JOY"][1] - 50) < 1
    assert fomo_gain > joy_gain + 5 and abs(joy_gain - neutral_gain) < 1
    with clean_db.transaction() as conn:
        stored = conn.execute(
            "select s.driver, sc.llm, sc.trend, sc.viral, sc.final, sc.performance_prior, sc.prior_weight, "
            "sc.prior_impressions, sc.prior_creatives, sc.prior_evidence from scores sc "
            "join scripts s on s.id = sc.script_id where sc.company_id = %s", (company.id,)).fetchall()
    fomo = [r for r in stored if r["driver"] == "FOMO"]
    assert fomo and all(r["prior_weight"] == pytest.approx(0.3 * 0.95) for r in fomo)  # the evidence sets the weight
    assert all(r["prior_impressions"] == 50000 and r["prior_creatives"] == 12 for r in fomo)
    assert all(r["prior_evidence"][0]["key"] == "FOMO" and r["prior_evidence"][0]["ctr_lift"] == 1.5 for r in fomo)
    unmatched = [r for r in stored if r["driver"] not in ("FOMO", "JOY")]
    assert unmatched and all(r["performance_prior"] is None and r["prior_weight"] == 0 for r in unmatched)
    for r in unmatched:  # no matched evidence: exactly the seed formula, no pull towards 50
        assert r["final"] == pytest.approx(0.45 * r["llm"] + 0.35 * r["trend"] + 0.20 * r["viral"], abs=1e-2)
    event = dagster_instance.get_latest_materialization_event(__import__("dagster").AssetKey("script_scores"))
    assert event.asset_materialization.metadata["performance_prior"].value == "on"
    assert event.asset_materialization.metadata["scripts_with_prior"].value == len(fomo) + len(
        [r for r in stored if r["driver"] == "JOY"])
    assert event.asset_materialization.metadata["winners_changed_by_prior"].value >= 0


def test_an_upload_still_pending_after_half_an_hour_is_launched_again() -> None:
    from datetime import datetime, timedelta, timezone

    from creative_pipeline.sensors.performance_uploads import relaunch_slot

    created = datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)
    assert relaunch_slot(created, created + timedelta(minutes=29)) == 0
    assert relaunch_slot(created, created + timedelta(minutes=31)) == 1
