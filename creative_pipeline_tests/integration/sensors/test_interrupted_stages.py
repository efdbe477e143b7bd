"""A run that ends with a stage still marked running closes that stage's attempt as failed."""

from __future__ import annotations

from dagster import (
    DagsterEventType,
    DagsterInstance,
    DagsterRunStatus,
    build_run_status_sensor_context,
    job,
    op,
)

from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.stage_runs import latest_stage_runs
from creative_pipeline.resources.supabase.stage_log import close_attempt, open_attempt
from creative_pipeline.sensors.interrupted_stages import interrupted_stages_on_cancel, interrupted_stages_on_failure
from creative_pipeline_tests.conftest import add_company


@op
def worker_lost() -> None:
    raise RuntimeError("run worker exited unexpectedly")


@job(tags={"dagster/partition": "alpha"})
def doomed() -> None:
    worker_lost()


def _stages(db: Database, company_id) -> dict[str, tuple[str, str | None]]:
    with db.transaction() as conn:
        return {stage: (run.status, run.error) for stage, run in latest_stage_runs(conn, company_id).items()}


def test_a_failed_run_fails_the_stages_it_left_running_and_nothing_else(
    clean_db: Database, resources: dict, dagster_instance: DagsterInstance
) -> None:
    company = add_company(clean_db, "https://alpha.example", name="Alpha")
    result = doomed.execute_in_process(instance=dagster_instance, raise_on_error=False)
    assert not result.success
    run_id = result.dagster_run.run_id
    done, _ = open_attempt(clean_db, "alpha", "company_context", run_id)
    assert done is not None and close_attempt(clean_db, done, "succeeded", None) is None
    open_attempt(clean_db, "alpha", "personas", run_id)  # the step that was killed
    open_attempt(clean_db, "alpha", "ad_scripts", "another-run-still-going")

    context = build_run_status_sensor_context(
        sensor_name="interrupted_stages_on_failure", dagster_event=result.get_run_failure_event(),
        dagster_instance=dagster_instance, dagster_run=result.dagster_run,
        resources={"supabase": resources["supabase"]},
    ).for_run_failure()
    interrupted_stages_on_failure(context)

    stages = _stages(clean_db, company.id)
    assert stages["company_context"] == ("succeeded", None)
    status, error = stages["personas"]
    assert status == "failed"
    assert run_id in error and "creative-pipeline run alpha" in error
    assert stages["ad_scripts"] == ("running", None)  # another run's attempt is not this run's to close

    interrupted_stages_on_failure(context)  # a repeated tick changes nothing
    assert _stages(clean_db, company.id)["personas"] == (status, error)


def test_a_cancelled_run_fails_the_stage_it_left_running(
    clean_db: Database, resources: dict, dagster_instance: DagsterInstance
) -> None:
    company = add_company(clean_db, "https://alpha.example", name="Alpha")
    run = dagster_instance.create_run_for_job(doomed)
    open_attempt(clean_db, "alpha", "ad_images", run.run_id)
    dagster_instance.report_run_canceled(run)
    cancelled = dagster_instance.get_run_by_id(run.run_id)
    assert cancelled is not None and cancelled.status == DagsterRunStatus.CANCELED
    event = next(e.dagster_event for e in dagster_instance.all_logs(run.run_id, of_type=DagsterEventType.RUN_CANCELED))

    interrupted_stages_on_cancel(build_run_status_sensor_context(
        sensor_name="interrupted_stages_on_cancel", dagster_event=event, dagster_instance=dagster_instance,
        dagster_run=cancelled, resources={"supabase": resources["supabase"]},
    ))

    status, error = _stages(clean_db, company.id)["ad_images"]
    assert status == "failed" and "was cancelled" in error


def test_a_new_attempt_closes_the_stage_a_killed_process_left_running(clean_db: Database) -> None:
    """A CLI run killed with SIGKILL ends no Dagster run any sensor hears of: its re-run closes it."""
    company = add_company(clean_db, "https://alpha.example", name="Alpha")
    open_attempt(clean_db, "alpha", "personas", "killed-cli-run")
    open_attempt(clean_db, "alpha", "ad_scripts", "killed-cli-run")
    open_attempt(clean_db, "alpha", "personas", "the-re-run")
    stages = _stages(clean_db, company.id)
    assert stages["personas"] == ("running", None)  # the latest attempt: the re-run's
    assert stages["ad_scripts"] == ("running", None)  # another stage: not superseded yet
    with clean_db.transaction() as conn:
        old = conn.execute("select status, error from stage_runs where run_id = 'killed-cli-run' "
                           "and stage = 'personas'").fetchone()
    assert old["status"] == "failed" and "superseded by run the-re-run" in old["error"]
