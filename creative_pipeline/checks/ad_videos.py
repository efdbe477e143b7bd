"""Check on `ad_videos`: no video exists that nobody approved (the approval gate is a budget
control, so a video outside it is an error, not a curiosity), and every video is in storage."""

from dagster import AssetCheckExecutionContext, AssetCheckResult, asset_check

from creative_pipeline.assets.ad_videos import ad_videos
from creative_pipeline.checks.support import media_rows, missing_objects
from creative_pipeline.resources.policies.media import MediaPolicy
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories.media import VIDEO_KINDS
from creative_pipeline.resources.supabase.resource import SupabaseResource


@asset_check(asset=ad_videos, partitions_def=company_partitions,
             description="Videos exist only for the top N winners (approved ones, with the gate on), and are in storage.")
def videos_only_for_approved(context: AssetCheckExecutionContext, supabase: SupabaseResource, media: MediaPolicy) -> AssetCheckResult:
    slug, briefs, rows, approved = media_rows(context, supabase, VIDEO_KINDS)
    allowed = {b.creative_name for b in media.video_candidates(briefs, approved)}
    ok_rows = [r for r in rows if r.ok]
    unapproved = [r.creative_name for r in ok_rows if r.creative_name not in allowed]
    missing = missing_objects(supabase, slug, ok_rows)
    return AssetCheckResult(
        passed=not unapproved and not missing,
        metadata={"videos": len(ok_rows), "failed": len(rows) - len(ok_rows), "allowed": len(allowed),
                  "approval_gate": media.approval_gate, "unapproved": ", ".join(unapproved), "missing_objects": len(missing)},
    )
