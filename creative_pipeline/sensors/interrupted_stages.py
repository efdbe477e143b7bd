"""A run that ends while a stage is still marked running — its worker killed, the run cancelled,
run monitoring declaring it dead — closes that stage's `stage_runs` attempt as failed, naming the
run's end. Without this the studio would show the stage "running" forever, since the step that
would have closed it never got the chance."""

from __future__ import annotations

from dagster import (
    DagsterRunStatus,
    DefaultSensorStatus,
    RunFailureSensorContext,
    RunStatusSensorContext,
    run_failure_sensor,
    run_status_sensor,
)

from creative_pipeline.resources.supabase.repositories.stage_runs import close_run_attempts
from creative_pipeline.resources.supabase.resource import SupabaseResource


def close_attempts_of(context: RunStatusSensorContext, supabase: SupabaseResource, ended: str) -> None:
    run = context.dagster_run
    partition = run.tags.get("dagster/partition", "KEY")
    error = (f"run {run.run_id} {ended} before this stage finished; nothing it was writing was kept. "
             f"Re-run the stage (`creative-pipeline run {partition}`, or Materialize in the Dagster UI)")
    with supabase.db().transaction() as conn:
        closed = close_run_attempts(conn, run.run_id, error)
    for attempt in closed:
        context.log.info(f"{partition}: {attempt.stage} marked failed ({ended})")


@run_failure_sensor(name="interrupted_stages_on_failure", default_status=DefaultSensorStatus.RUNNING,
                    minimum_interval_seconds=10)
def interrupted_stages_on_failure(context: RunFailureSensorContext, supabase: SupabaseResource) -> None:
    reason = context.failure_event.message if context.failure_event else None
    close_attempts_of(context, supabase, f"failed ({reason})" if reason else "failed")


@run_status_sensor(run_status=DagsterRunStatus.CANCELED, name="interrupted_stages_on_cancel",
                   default_status=DefaultSensorStatus.RUNNING, minimum_interval_seconds=10)
def interrupted_stages_on_cancel(context: RunStatusSensorContext, supabase: SupabaseResource) -> None:
    close_attempts_of(context, supabase, "was cancelled")
