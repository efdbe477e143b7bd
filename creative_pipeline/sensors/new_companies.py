"""`new_companies_sensor`: a new `companies` row becomes a partition and a run — exactly once.

Cursor = a watermark plus the ids seen in a look-back window (`sensors/cursor.py`), so rows
inserted in the same instant or committed late are neither skipped nor repeated; run_key = the
company id, so even a lost cursor never launches a company twice from the sensor. A company
someone already ran (the CLI, the demo, the UI: any stage stamps `pipeline_launched_at`, and any
run of its partition is in the instance) is not launched again — `make demo` then `make dev`
must not regenerate the demo company. Archived companies are never launched. Every row read is
acted on (launched or recorded as already launched), so advancing the cursor skips nothing.
"""

from dagster import DefaultSensorStatus, RunRequest, RunsFilter, SensorEvaluationContext, SensorResult, sensor

from creative_pipeline.domain.company import Company
from creative_pipeline.jobs import company_pipeline_job, launched_by_tags
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories.companies import companies_after
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.sensors.cursor import WindowCursor

BATCH = 50


def already_launched(context: SensorEvaluationContext, company: Company) -> bool:
    if company.pipeline_launched_at is not None or company.archived_at is not None:
        return True
    runs = context.instance.get_run_records(RunsFilter(tags={"dagster/partition": company.slug}), limit=1)
    return bool(runs)


# Evaluated on every pass of the sensor daemon, which loops every 5 s (dagster/_daemon/sensor.py
# MIN_INTERVAL_LOOP_TIME, 1.13.27): an interval of exactly 5 s aliases with that loop — the previous
# tick started a few ms after the previous pass, so each other pass skips it and a new row waited up
# to 10 s for its tick (8.4 s measured). With the queue dequeuing every second a new row's run is
# created within ~5 s and started within 10 s (issue 18; benchmarks/daemon_vs_cli.py).
@sensor(job=company_pipeline_job, minimum_interval_seconds=1, default_status=DefaultSensorStatus.RUNNING)
def new_companies_sensor(context: SensorEvaluationContext, supabase: SupabaseResource) -> SensorResult:
    cursor = WindowCursor.parse(context.cursor)
    rows = cursor.read_new(supabase.db(), companies_after, BATCH)
    if not rows:
        return SensorResult(skip_reason="no new companies")
    todo = [c for c in rows if not already_launched(context, c)]
    for c in rows:
        if c not in todo:
            context.log.info(f"{c.slug}: already launched (or archived): no new run")
    if not todo:
        return SensorResult(skip_reason="new companies were already launched (CLI, demo or UI)",
                            cursor=cursor.advance(rows).dump())
    new_keys = [c.slug for c in todo if not context.instance.has_dynamic_partition(company_partitions.name, c.slug)]
    return SensorResult(
        run_requests=[
            RunRequest(run_key=f"company-{c.id}", partition_key=c.slug, tags={"company": c.slug, **launched_by_tags("sensor")}) for c in todo
        ],
        dynamic_partitions_requests=[company_partitions.build_add_request(new_keys)] if new_keys else [],
        cursor=cursor.advance(rows).dump(),
    )
