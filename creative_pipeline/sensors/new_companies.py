"""`new_companies_sensor`: a new `companies` row becomes a partition and a run.

Cursor = the last seen (created_at, id), so rows inserted in the same instant are neither
skipped nor repeated; run_key = the company id, so a re-evaluated tick never launches twice.
"""


import json
from datetime import datetime

from dagster import DefaultSensorStatus, RunRequest, SensorEvaluationContext, SensorResult, sensor

from creative_pipeline.jobs import company_pipeline_job
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories.companies import companies_after
from creative_pipeline.resources.supabase.resource import SupabaseResource

BATCH = 50


@sensor(job=company_pipeline_job, minimum_interval_seconds=30, default_status=DefaultSensorStatus.RUNNING)
def new_companies_sensor(context: SensorEvaluationContext, supabase: SupabaseResource) -> SensorResult:
    cursor = json.loads(context.cursor) if context.cursor else {}
    after = datetime.fromisoformat(cursor["created_at"]) if cursor.get("created_at") else None
    with supabase.db().transaction() as conn:
        rows = companies_after(conn, after, cursor.get("id"), BATCH)
    if not rows:
        return SensorResult(skip_reason="no new companies")
    new_keys = [c.slug for c in rows if not context.instance.has_dynamic_partition(company_partitions.name, c.slug)]
    last = rows[-1]
    return SensorResult(
        run_requests=[
            RunRequest(run_key=f"company-{c.id}", partition_key=c.slug, tags={"company": c.slug}) for c in rows
        ],
        dynamic_partitions_requests=[company_partitions.build_add_request(new_keys)] if new_keys else [],
        cursor=json.dumps({"created_at": last.created_at.isoformat(), "id": str(last.id)}),
    )
