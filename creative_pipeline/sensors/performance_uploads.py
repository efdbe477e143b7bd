"""`performance_uploads_sensor`: pending `performance_imports` rows (files in Storage) → import runs.

run_key = the import id, so each upload is imported once however often the sensor ticks; the op
itself claims the row (pending → processing) so a manual re-run cannot double-import either.
"""

from dagster import DefaultSensorStatus, RunRequest, SensorEvaluationContext, SensorResult, sensor

from creative_pipeline.performance.import_job import performance_import
from creative_pipeline.resources.supabase.repositories.performance import pending_imports
from creative_pipeline.resources.supabase.resource import SupabaseResource


@sensor(job=performance_import, minimum_interval_seconds=60, default_status=DefaultSensorStatus.RUNNING)
def performance_uploads_sensor(context: SensorEvaluationContext, supabase: SupabaseResource) -> SensorResult:
    with supabase.db().transaction() as conn:
        pending = pending_imports(conn)
    if not pending:
        return SensorResult(skip_reason="no pending performance uploads")
    return SensorResult(run_requests=[
        RunRequest(
            run_key=f"import-{row['id']}",
            run_config={"ops": {"import_performance_file": {"config": {"import_id": str(row["id"])}}}},
            tags={"performance_import": str(row["id"]), "file": row["file_name"][:60]},
        )
        for row in pending
    ])
