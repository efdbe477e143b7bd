"""`new_companies_sensor`: a new `companies` row becomes a partition and a run.

Cursor = a watermark plus the ids seen in a look-back window (`sensors/cursor.py`), so rows
inserted in the same instant or committed late are neither skipped nor repeated; run_key = the
company id, so even a lost cursor never launches a company twice.
"""

from dagster import DefaultSensorStatus, RunRequest, SensorEvaluationContext, SensorResult, sensor

from creative_pipeline.jobs import company_pipeline_job
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories.companies import companies_after
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.sensors.cursor import WindowCursor

BATCH = 50


@sensor(job=company_pipeline_job, minimum_interval_seconds=30, default_status=DefaultSensorStatus.RUNNING)
def new_companies_sensor(context: SensorEvaluationContext, supabase: SupabaseResource) -> SensorResult:
    cursor = WindowCursor.parse(context.cursor)
    rows = cursor.read_new(supabase.db(), companies_after, BATCH)
    if not rows:
        return SensorResult(skip_reason="no new companies")
    new_keys = [c.slug for c in rows if not context.instance.has_dynamic_partition(company_partitions.name, c.slug)]
    return SensorResult(
        run_requests=[
            RunRequest(run_key=f"company-{c.id}", partition_key=c.slug, tags={"company": c.slug}) for c in rows
        ],
        dynamic_partitions_requests=[company_partitions.build_add_request(new_keys)] if new_keys else [],
        cursor=cursor.advance(rows).dump(),
    )
