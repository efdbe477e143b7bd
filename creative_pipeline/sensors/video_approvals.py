"""`video_approvals_sensor`: approvals still waiting for a video launch `ad_videos` for their company.

The work list is state, not a cursor: GREEN reviews no `ad_videos` run has considered yet
(`processed_at` null; the asset stamps them). So an approval is never skipped — not one for a
company whose partition does not exist yet (the partition is added with the run), not one whose
run failed (it stays waiting; `review COMPANY --render` or the next approval runs it again).
One run per company per batch, run_key = the company and its newest waiting review: a
re-evaluated tick never launches twice, a later approval makes a new key. With the approval gate
off the sensor stands down: the pipeline job renders the top N itself.
"""

from dagster import DefaultSensorStatus, RunRequest, SensorEvaluationContext, SensorResult, sensor

from creative_pipeline.jobs import company_videos_job, launched_by_tags
from creative_pipeline.resources.policies.media import MediaPolicy
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories.reviews import WaitingApproval, waiting_approvals
from creative_pipeline.resources.supabase.resource import SupabaseResource

BATCH = 500


@sensor(job=company_videos_job, minimum_interval_seconds=30, default_status=DefaultSensorStatus.RUNNING)
def video_approvals_sensor(context: SensorEvaluationContext, supabase: SupabaseResource, media: MediaPolicy) -> SensorResult:
    if not media.approval_gate:
        return SensorResult(skip_reason="approval gate is off (VIDEO_APPROVAL_GATE=false): videos need no review")
    with supabase.db().transaction() as conn:
        reviews = waiting_approvals(conn, BATCH)
    if not reviews:
        return SensorResult(skip_reason="no new approvals")
    latest: dict[str, WaitingApproval] = {}
    counts: dict[str, int] = {}
    for review in reviews:  # oldest first: the last one per company names the batch
        latest[review.slug] = review
        counts[review.slug] = counts.get(review.slug, 0) + 1
    new_keys = [s for s in latest if not context.instance.has_dynamic_partition(company_partitions.name, s)]
    return SensorResult(
        run_requests=[
            RunRequest(
                run_key=f"video-approvals-{slug}-{review.id}", partition_key=slug,
                tags={"company": slug, "trigger": "video_approvals", "approvals": str(counts[slug]), **launched_by_tags("sensor")},
            )
            for slug, review in latest.items()
        ],
        dynamic_partitions_requests=[company_partitions.build_add_request(new_keys)] if new_keys else [],
    )
