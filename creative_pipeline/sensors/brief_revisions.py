"""`brief_revisions_sensor`: YELLOW/RED reviews the studio stored launch `creative_revisions` for
their company, so a brief is regenerated in a Dagster run and never inside a web request.

Like the video sensor, the work list is state (`processed_at` null; the asset stamps what it
applied), so a failed run leaves the reviews pending. One run per company per batch; run_key =
the company and its newest pending review: a re-evaluated tick never launches twice.
"""

from dagster import DefaultSensorStatus, RunRequest, SensorEvaluationContext, SensorResult, sensor

from creative_pipeline.jobs import creative_revisions_job, launched_by_tags
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories.reviews import PendingRevision, pending_revisions
from creative_pipeline.resources.supabase.resource import SupabaseResource

BATCH = 500


@sensor(job=creative_revisions_job, minimum_interval_seconds=15, default_status=DefaultSensorStatus.RUNNING)
def brief_revisions_sensor(context: SensorEvaluationContext, supabase: SupabaseResource) -> SensorResult:
    with supabase.db().transaction() as conn:
        reviews = pending_revisions(conn, BATCH)
    if not reviews:
        return SensorResult(skip_reason="no revisions waiting")
    latest: dict[str, PendingRevision] = {}
    for review in reviews:  # oldest first: the last one per company names the batch
        latest[review.slug] = review
    new_keys = [s for s in latest if not context.instance.has_dynamic_partition(company_partitions.name, s)]
    return SensorResult(
        run_requests=[
            RunRequest(run_key=f"brief-revisions-{slug}-{review.id}", partition_key=slug,
                       tags={"company": slug, "trigger": "brief_revisions", **launched_by_tags("sensor")})
            for slug, review in latest.items()
        ],
        dynamic_partitions_requests=[company_partitions.build_add_request(new_keys)] if new_keys else [],
    )
