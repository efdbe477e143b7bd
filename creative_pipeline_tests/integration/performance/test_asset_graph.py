"""The performance loop on the asset graph, with the real Dagster machinery: an import is a
`performance_data` partition run under `performance_import`; insights are day partitions of
`performance_insights` whose rows carry their company; an import landing asks for the latest day."""

from datetime import timedelta

from dagster import AssetKey, DagsterInstance, RunsFilter, build_sensor_context

from creative_pipeline.definitions import defs
from creative_pipeline.demo.sample_export import synthetic_meta_export
from creative_pipeline.partitions import insights_day_partitions
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.services.performance import import_export, refresh_insights
from creative_pipeline_tests.integration.performance.conftest import END


def runs_of(instance: DagsterInstance, job: str) -> list:
    return list(instance.get_runs(RunsFilter(job_name=job)))


def test_an_import_materializes_its_partition_under_the_defined_job(
    clean_db: Database, briefed_company, dagster_instance: DagsterInstance
) -> None:
    _, names, resources = briefed_company
    report = import_export(synthetic_meta_export(names, END, 7), "week.csv", "auto",
                           instance=dagster_instance, resources=resources)
    assert report.status == "done" and report.matched_rows == 70 and report.imported == 71
    key = str(report.import_id)
    assert dagster_instance.has_dynamic_partition("performance_import", key)
    [run] = runs_of(dagster_instance, "performance_import")
    assert run.tags["dagster/partition"] == key and run.is_success
    event = dagster_instance.get_latest_materialization_event(AssetKey("performance_data"))
    assert event.dagster_event.partition == key
    assert event.asset_materialization.metadata["matched_rows"].value == 70
    with clean_db.transaction() as conn:
        row = conn.execute("select source, status, storage_path from performance_imports where id = %s",
                           (report.import_id,)).fetchone()
    assert row["source"] == "cli" and row["status"] == "done" and row["storage_path"].endswith("/week.csv")

    again = import_export(synthetic_meta_export(names, END, 7), "week.csv", "auto",
                          instance=dagster_instance, resources=resources)
    assert again.inserted == 0 and again.updated == 71  # a second upload of the same file is idempotent

    bad = import_export(b"foo,bar\n1,2\n", "mystery.csv", "auto", instance=dagster_instance, resources=resources)
    assert bad.status == "failed" and "foo" in bad.error
    assert not runs_of(dagster_instance, "performance_import")[0].is_success  # newest first: the failed one


def test_an_insights_day_materializes_and_its_rows_carry_the_company(
    clean_db: Database, briefed_company, dagster_instance: DagsterInstance
) -> None:
    company, names, resources = briefed_company
    import_export(synthetic_meta_export(names, END, 14), "two_weeks.csv", "meta",
                  instance=dagster_instance, resources=resources)
    outcome = refresh_insights(instance=dagster_instance, resources=resources)  # default: latest day with data
    assert outcome.success and outcome.day == END
    week_before = refresh_insights(END - timedelta(days=7), 7, instance=dagster_instance, resources=resources)
    assert week_before.success  # another day is another partition: a backfill, END's rows untouched
    with clean_db.transaction() as conn:
        rows = conn.execute("select company_id, type, period_start, period_end from insights").fetchall()
    mine = [r for r in rows if r["company_id"] == company.id and r["period_end"] == END]
    portfolio = [r for r in rows if r["company_id"] is None and r["period_end"] == END]
    assert mine and len(mine) == len(portfolio)  # one company: its rows mirror the portfolio's
    assert {"summary", "effectiveness", "tier"} <= {r["type"] for r in mine}
    assert {r["period_end"] for r in rows} == {END, END - timedelta(days=7)}
    assert {r["period_start"] for r in rows if r["period_end"] == END - timedelta(days=7)} == {END - timedelta(days=13)}
    runs = runs_of(dagster_instance, "performance_insights_daily")
    assert sorted(r.tags["dagster/partition"] for r in runs) == sorted([END.isoformat(), (END - timedelta(days=7)).isoformat()])
    status = dagster_instance.get_status_by_partition(
        AssetKey("performance_insights"), [END.isoformat()], insights_day_partitions)
    assert status and str(status[END.isoformat()]).endswith("MATERIALIZED")


def test_an_import_landing_asks_for_the_latest_insights_day(
    clean_db: Database, briefed_company, dagster_instance: DagsterInstance
) -> None:
    _, names, resources = briefed_company
    sensor = defs.resolve_sensor_def("insights_refresh_sensor")
    context = build_sensor_context(instance=dagster_instance, repository_def=defs.get_repository_def())
    assert not sensor.evaluate_tick(context).run_requests  # nothing imported yet
    import_export(synthetic_meta_export(names, END, 7), "week.csv", "meta", instance=dagster_instance, resources=resources)
    tick = sensor.evaluate_tick(context)
    [request] = tick.run_requests
    assert request.partition_key == insights_day_partitions.get_last_partition_key()
    assert request.job_name in (None, "performance_insights_daily")
    context.update_cursor(tick.cursor)
    assert not sensor.evaluate_tick(context).run_requests  # the same import is not asked for twice
