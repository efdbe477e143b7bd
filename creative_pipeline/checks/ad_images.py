"""Checks on `ad_images`: rows and objects agree, and every winner has its image set."""

from dagster import AssetCheckExecutionContext, AssetCheckResult, AssetCheckSeverity, asset_check

from creative_pipeline.assets.ad_images import ad_images
from creative_pipeline.checks.support import media_rows, missing_objects
from creative_pipeline.domain.brief import IMAGE_VARIANTS
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories.media import IMAGE_KINDS
from creative_pipeline.resources.supabase.resource import SupabaseResource


@asset_check(asset=ad_images, partitions_def=company_partitions, description="Every stored image, thumbnail and contact sheet is in storage.")
def image_objects_present(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    slug, _, rows, _ = media_rows(context, supabase, IMAGE_KINDS)
    missing = missing_objects(supabase, slug, rows)
    return AssetCheckResult(
        passed=not missing and any(r.ok for r in rows),
        metadata={"objects": sum(1 for r in rows if r.ok), "missing": len(missing),
                  "missing_paths": ", ".join(missing[:10])},
    )


@asset_check(asset=ad_images, partitions_def=company_partitions,
             description=f"Each winner has its {IMAGE_VARIANTS} images (primary + variants), each with a thumbnail.")
def image_set_per_winner(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    _, briefs, rows, _ = media_rows(context, supabase, ("image", "thumbnail"))
    images = {(r.creative_name, r.variant): r for r in rows if r.kind == "image"}
    thumbs = {(r.creative_name, r.variant) for r in rows if r.kind == "thumbnail" and r.ok}
    incomplete, failed = [], 0
    for brief in briefs:
        keys = [(brief.creative_name, v) for v in range(1, IMAGE_VARIANTS + 1)]
        bad = [k for k in keys if k not in images or not images[k].ok or k not in thumbs]
        failed += sum(1 for k in keys if k in images and images[k].status == "failed")
        if bad:
            incomplete.append(f"#{brief.rank} missing v{','.join(str(v) for _, v in bad)}")
    return AssetCheckResult(
        passed=bool(briefs) and not incomplete,
        severity=AssetCheckSeverity.WARN,  # a failed image is recorded with its reason; the set is still usable
        metadata={"winners": len(briefs), "complete_sets": len(briefs) - len(incomplete), "failed_images": failed,
                  "incomplete": "; ".join(incomplete[:10])},
    )
