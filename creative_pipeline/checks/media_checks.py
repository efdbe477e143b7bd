"""Asset checks for the media stages: rows and objects agree, every winner has its image set,
and no video exists that nobody approved (the approval gate is a budget control, so a video
outside it is an error, not a curiosity)."""

from typing import NamedTuple

from dagster import AssetCheckExecutionContext, AssetCheckResult, AssetCheckSeverity, asset_check

from creative_pipeline.assets.ad_images import ad_images
from creative_pipeline.assets.ad_videos import ad_videos
from creative_pipeline.media.policy import IMAGE_VARIANTS, MediaPolicy
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.companies import get_company
from creative_pipeline.resources.supabase.repositories.media import IMAGE_KINDS, VIDEO_KINDS, MediaKind, load_media
from creative_pipeline.resources.supabase.repositories.reviews import approved_names
from creative_pipeline.resources.supabase.resource import SupabaseResource


class _Loaded(NamedTuple):
    slug: str
    briefs: list[dict]
    rows: list[dict]
    approved: set[str]


def _load(context: AssetCheckExecutionContext, supabase: SupabaseResource, kinds: tuple[MediaKind, ...]) -> _Loaded:
    with supabase.db().transaction() as conn:
        company = get_company(conn, context.partition_key)
        briefs = load_briefs(conn, company.id)
        return _Loaded(company.slug, briefs, load_media(conn, company.id, kinds), approved_names(conn, company.id, briefs))


def _missing_objects(supabase: SupabaseResource, slug: str, rows: list[dict]) -> list[str]:
    """One listing of the company's folder rather than a request per object (about 60 on Supabase).
    An ok row without a path is missing too, named so the metadata says which."""
    present = set(supabase.storage().list(slug))
    return [r["storage_path"] or f"{r['creative_name']} {r['kind']} v{r['variant']} (no path)"
            for r in rows if r["status"] == "ok" and r["storage_path"] not in present]


@asset_check(asset=ad_images, partitions_def=company_partitions, description="Every stored image, thumbnail and contact sheet is in storage.")
def image_objects_present(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    slug, _, rows, _ = _load(context, supabase, IMAGE_KINDS)
    missing = _missing_objects(supabase, slug, rows)
    return AssetCheckResult(
        passed=not missing and any(r["status"] == "ok" for r in rows),
        metadata={"objects": sum(1 for r in rows if r["status"] == "ok"), "missing": len(missing),
                  "missing_paths": ", ".join(missing[:10])},
    )


@asset_check(asset=ad_images, partitions_def=company_partitions,
             description=f"Each winner has its {IMAGE_VARIANTS} images (primary + variants), each with a thumbnail.")
def image_set_per_winner(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    _, briefs, rows, _ = _load(context, supabase, ("image", "thumbnail"))
    images = {(r["creative_name"], r["variant"]): r for r in rows if r["kind"] == "image"}
    thumbs = {(r["creative_name"], r["variant"]) for r in rows if r["kind"] == "thumbnail" and r["status"] == "ok"}
    incomplete, failed = [], 0
    for brief in briefs:
        keys = [(brief["creative_name"], v) for v in range(1, IMAGE_VARIANTS + 1)]
        bad = [k for k in keys if k not in images or images[k]["status"] != "ok" or k not in thumbs]
        failed += sum(1 for k in keys if k in images and images[k]["status"] == "failed")
        if bad:
            incomplete.append(f"#{brief['rank']} missing v{','.join(str(v) for _, v in bad)}")
    return AssetCheckResult(
        passed=bool(briefs) and not incomplete,
        severity=AssetCheckSeverity.WARN,  # a failed image is recorded with its reason; the set is still usable
        metadata={"winners": len(briefs), "complete_sets": len(briefs) - len(incomplete), "failed_images": failed,
                  "incomplete": "; ".join(incomplete[:10])},
    )


@asset_check(asset=ad_videos, partitions_def=company_partitions,
             description="Videos exist only for the top N winners (approved ones, with the gate on), and are in storage.")
def videos_only_for_approved(context: AssetCheckExecutionContext, supabase: SupabaseResource, media: MediaPolicy) -> AssetCheckResult:
    slug, briefs, rows, approved = _load(context, supabase, VIDEO_KINDS)
    allowed = {b["creative_name"] for b in media.video_candidates(briefs, approved)}
    ok_rows = [r for r in rows if r["status"] == "ok"]
    unapproved = [r["creative_name"] for r in ok_rows if r["creative_name"] not in allowed]
    missing = _missing_objects(supabase, slug, ok_rows)
    return AssetCheckResult(
        passed=not unapproved and not missing,
        metadata={"videos": len(ok_rows), "failed": len(rows) - len(ok_rows), "allowed": len(allowed),
                  "approval_gate": media.approval_gate, "unapproved": ", ".join(unapproved), "missing_objects": len(missing)},
    )


MEDIA_CHECKS = [image_objects_present, image_set_per_winner, videos_only_for_approved]
