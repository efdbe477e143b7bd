"""`performance_uploads_sensor`: pending `performance_imports` rows (files in Storage) → one
`performance_import` partition each (added with `build_add_request`) and a run of it.

run_key = the import id plus a half-hour slot of its age: a tick never launches the same upload
twice, but an upload still pending half an hour later (its run died before it started) is
launched again. The asset claims the row (pending → processing), so no upload is imported twice.
"""

from datetime import datetime, timedelta, timezone

from dagster import DefaultSensorStatus, RunRequest, SensorEvaluationContext, SensorResult, sensor

from creative_pipeline.jobs import launched_by_tags, performance_import_job
from creative_pipeline.partitions import performance_import_partitions
from creative_pipeline.resources.supabase.repositories.performance import pending_imports
from creative_pipeline.resources.supabase.resource import SupabaseResource

RELAUNCH_AFTER = timedelta(minutes=30)


def relaunch_slot(created_at: datetime, now: datetime) -> int:
    return int((now - created_at) / RELAUNCH_AFTER)


@sensor(job=performance_import_job, minimum_interval_seconds=60, default_status=DefaultSensorStatus.RUNNING)
def performance_uploads_sensor(context: SensorEvaluationContext, supabase: SupabaseResource) -> SensorResult:
    with supabase.db().transaction() as conn:
        pending = pending_imports(conn)
    if not pending:
        return SensorResult(skip_reason="no pending performance uploads")
    now = datetime.now(timezone.utc)
    keys = [str(row.id) for row in pending]
    new = [k for k in keys if not context.instance.has_dynamic_partition(performance_import_partitions.name, k)]
    return SensorResult(
        run_requests=[
            RunRequest(
                run_key=f"import-{row.id}-{relaunch_slot(row.created_at, now)}",
                partition_key=str(row.id),
                tags={"performance_import": str(row.id), "file": row.file_name[:60], **launched_by_tags("sensor")},
            )
            for row in pending
        ],
        dynamic_partitions_requests=[performance_import_partitions.build_add_request(new)] if new else [],
    )
