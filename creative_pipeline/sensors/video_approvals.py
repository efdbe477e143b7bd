"""`video_approvals_sensor`: new GREEN reviews launch `ad_videos` for their company.

Cursor = a watermark plus the review ids seen in a look-back window (`sensors/cursor.py`), so
reviews written in the same instant or committed late are neither skipped nor repeated. One run per company per tick, with run_key = the company and
the newest review of the batch: a re-evaluated tick never launches twice, and a later approval
makes a new key. `ad_videos` keeps videos that still match their brief, so each new approval
costs one render. With the approval gate off the sensor stands down: the pipeline job renders
the top N itself.
"""

from dagster import DefaultSensorStatus, RunRequest, SensorEvaluationContext, SensorResult, sensor

from creative_pipeline.jobs import company_videos_job
from creative_pipeline.media.policy import MediaPolicy
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories.reviews import green_reviews_after
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.sensors.cursor import WindowCursor

BATCH = 200


@sensor(job=company_videos_job, minimum_interval_seconds=30, default_status=DefaultSensorStatus.RUNNING)
def video_approvals_sensor(context: SensorEvaluationContext, supabase: SupabaseResource, media: MediaPolicy) -> SensorResult:
    if not media.approval_gate:
        return SensorResult(skip_reason="approval gate is off (VIDEO_APPROVAL_GATE=false): videos need no review")
    cursor = WindowCursor.parse(context.cursor)
    reviews = cursor.read_new(supabase.db(), green_reviews_after, BATCH)
    if not reviews:
        return SensorResult(skip_reason="no new approvals")
    latest: dict[str, dict] = {}
    counts: dict[str, int] = {}
    for review in reviews:  # oldest first: the last one per company names the batch
        latest[review["slug"]] = review
        counts[review["slug"]] = counts.get(review["slug"], 0) + 1
    requests = []
    for slug, review in latest.items():
        if not context.instance.has_dynamic_partition(company_partitions.name, slug):
            context.log.warning(f"approvals for {slug}, which has no partition yet: skipped")
            continue
        requests.append(RunRequest(
            run_key=f"video-approvals-{slug}-{review['id']}", partition_key=slug,
            tags={"company": slug, "trigger": "video_approvals", "approvals": str(counts[slug])},
        ))
    return SensorResult(
        run_requests=requests,
        cursor=cursor.advance(reviews).dump(),
    )
