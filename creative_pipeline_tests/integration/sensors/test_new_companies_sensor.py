"""`new_companies_sensor` on a real instance and real rows."""

import json

from dagster import DagsterInstance, SensorResult, build_sensor_context

from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.sensors.new_companies import new_companies_sensor
from creative_pipeline_tests.conftest import add_company


def evaluate(instance: DagsterInstance, resources: dict, cursor: str | None) -> SensorResult:
    context = build_sensor_context(instance=instance, cursor=cursor, resources={"supabase": resources["supabase"]})
    return new_companies_sensor(context)


def test_new_rows_become_partitions_and_runs_exactly_once(
    clean_db: Database, resources: dict, dagster_instance: DagsterInstance
) -> None:
    first = add_company(clean_db, "https://alpha.example", name="Alpha")
    second = add_company(clean_db, "https://beta.example", name="Beta")

    result = evaluate(dagster_instance, resources, None)
    assert [r.partition_key for r in result.run_requests] == ["alpha", "beta"]
    assert [r.run_key for r in result.run_requests] == [f"company-{first.id}", f"company-{second.id}"]
    assert {r.tags["creative_pipeline/launched_by"] for r in result.run_requests} == {"sensor"}  # who launched it
    assert result.dynamic_partitions_requests[0].partition_keys == ["alpha", "beta"]
    cursor = json.loads(result.cursor)
    assert set(cursor["seen"]) == {str(first.id), str(second.id)}

    dagster_instance.add_dynamic_partitions("company", ["alpha", "beta"])
    again = evaluate(dagster_instance, resources, result.cursor)
    assert again.run_requests == [] or again.run_requests is None
    assert again.skip_reason

    third = add_company(clean_db, "https://alpha.example/other", name="Alpha")  # same name: a new slug
    later = evaluate(dagster_instance, resources, result.cursor)
    assert [r.partition_key for r in later.run_requests] == ["alpha-2"]
    assert later.run_requests[0].run_key == f"company-{third.id}"


def test_rows_created_in_the_same_instant_are_neither_skipped_nor_repeated(
    clean_db: Database, resources: dict, dagster_instance: DagsterInstance
) -> None:
    companies = [add_company(clean_db, f"https://c{i}.example", name=f"Same Time {i}") for i in range(3)]
    with clean_db.transaction() as conn:
        conn.execute("update companies set created_at = '2026-01-01T00:00:00Z'")
    seen: list[str] = []
    cursor = None
    import creative_pipeline.sensors.new_companies as module

    original, module.BATCH = module.BATCH, 1  # one row per tick: the cursor must carry the id
    try:
        for _ in range(5):
            result = evaluate(dagster_instance, resources, cursor)
            seen += [r.partition_key for r in result.run_requests or []]
            cursor = result.cursor or cursor
    finally:
        module.BATCH = original
    assert sorted(seen) == sorted(c.slug for c in companies)


def test_a_row_committed_late_with_an_older_timestamp_is_not_skipped(
    clean_db: Database, resources: dict, dagster_instance: DagsterInstance
) -> None:
    """created_at is the transaction's start: a long transaction commits rows 'in the past'."""
    add_company(clean_db, "https://early.example", name="Early")
    first = evaluate(dagster_instance, resources, None)
    late = add_company(clean_db, "https://late.example", name="Late")
    with clean_db.transaction() as conn:
        conn.execute("update companies set created_at = now() - interval '3 minutes' where id = %s", (late.id,))
    second = evaluate(dagster_instance, resources, first.cursor)
    assert [r.partition_key for r in second.run_requests] == ["late"]
    third = evaluate(dagster_instance, resources, second.cursor)
    assert not third.run_requests


def test_a_company_first_run_by_the_cli_or_demo_is_not_launched_again(
    clean_db: Database, resources: dict, dagster_instance: DagsterInstance
) -> None:
    """`make demo` then `make dev`: the sensor starts with no cursor and sees the demo company,
    which any stage has stamped as launched: it must not regenerate it (and spend again)."""
    from creative_pipeline.services.run_company import run_chain

    ran = add_company(clean_db, "http://10.0.0.1/site", name="Ran Already")
    assert all(ok for _, _, ok in run_chain(ran.slug, ["company_context"], instance=dagster_instance,
                                            resources=resources))
    fresh = add_company(clean_db, "https://fresh.example", name="Fresh")
    result = evaluate(dagster_instance, resources, None)
    assert [r.partition_key for r in result.run_requests] == [fresh.slug]
    # and a company whose run exists in the instance (launched from the UI) but never stamped
    with clean_db.transaction() as conn:
        conn.execute("update companies set pipeline_launched_at = null where id = %s", (ran.id,))
    again = evaluate(dagster_instance, resources, None)
    assert [r.partition_key for r in again.run_requests] == [fresh.slug]


def test_a_partition_without_a_companies_row_fails_at_once_and_names_add_company(
    clean_db: Database, resources: dict, dagster_instance: DagsterInstance
) -> None:
    from dagster import DagsterEventType, materialize

    from creative_pipeline.definitions import defs

    dagster_instance.add_dynamic_partitions("company", ["no-such-company"])
    result = materialize([*defs.assets, *defs.asset_checks], selection=["personas"], partition_key="no-such-company",
                         instance=dagster_instance, resources=resources, raise_on_error=False)
    assert not result.success
    assert not [e for e in result.all_events if e.event_type == DagsterEventType.STEP_UP_FOR_RETRY]
    failure = next(e for e in result.all_events if e.event_type == DagsterEventType.STEP_FAILURE)
    assert "creative-pipeline add-company" in failure.event_specific_data.error.message
