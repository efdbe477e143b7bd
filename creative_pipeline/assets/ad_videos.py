"""Stage 8: videos for the top winners, behind the approval gate ("financial firewall").

Video bills per second, so with the gate on (the default) only winners among the top
VIDEO_TOP_N whose latest review is GREEN get a video; with it off, the top N all do. A video
that still matches its brief is kept rather than paid for twice, so each new approval costs
exactly one render. An approval counts only for the brief it pinned: a changed brief reads
"approval stale" and is not rendered until approved again. A video a person approved is removed
only when a person withdraws the approval (a later YELLOW/RED review); a run that cannot see the
approval (stale, regenerated briefs, renamed creative) keeps the video.
"""

import asyncio

from dagster import AssetExecutionContext, Config, Failure, MaterializeResult, MetadataValue, asset
from pydantic import Field

from creative_pipeline.assets.ad_images import ad_images
from creative_pipeline.assets.media_support import VIDEO_AD_FILE, VIDEO_FILE, link, object_path, owned_by_videos, sweep_orphans
from creative_pipeline.assets.support import (
    PROVIDER_RETRY,
    ProviderStep,
    md_table,
    one_writer_per_company,
    partition_company,
    require_upstream,
    run_async,
)
from creative_pipeline.domain.brief import StoredBrief
from creative_pipeline.domain.naming import variant_name
from creative_pipeline.domain.brief import VIDEO_VARIANT
from creative_pipeline.media.overlay import ad_copy
from creative_pipeline.media.reframe import reframe_png
from creative_pipeline.media.supers import add_supers
from creative_pipeline.media.video_probe import VideoShape, mismatches, probe_video
from creative_pipeline.media.rules import protected_videos, reusable_video, video_fallbacks
from creative_pipeline.resources.policies.media import MediaPolicy
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.gemini.results import MediaResult
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.supabase.repositories.brand_assets import load_brand_kit
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.media import (
    VIDEO_KINDS,
    MediaRecord,
    StoredMedia,
    delete_media,
    insert_media,
    load_media,
)
from creative_pipeline.resources.supabase.repositories.reviews import approved_names, latest_reviews, mark_processed
from creative_pipeline.resources.supabase.repositories.video_renders import VideoRenderRepository
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.resources.supabase.storage import ObjectStorage


class VideosConfig(Config):
    force: bool = Field(default=False, description="Re-render videos that still match their brief (costs money).")


def frames_for(storage: ObjectStorage, images: list[StoredMedia], creative_name: str, aspect_ratio: str) -> list[bytes]:
    """The creative's clean plates (never a composed ad: no words in a generated video) in variant
    order, each reframed to the video's aspect: the first frame is the primary, the rest references."""
    rows = sorted((r for r in images if r.creative_name == creative_name and r.ok and r.kind == "image"
                   and r.data.get("clean_plate")), key=lambda r: r.variant)
    return [reframe_png(storage.get(r.storage_path), aspect_ratio) for r in rows if r.storage_path]


def video_record(storage: ObjectStorage, slug: str, brief: StoredBrief, result: MediaResult, approved: bool,
                 colours: list[str]) -> MediaRecord:
    """The row of one delivered video, probed against what was asked: a video in another aspect
    or length is stored (it was paid for) but marked not ready, with the reasons. A model's render
    also gets its finished cut: the shots' supers and the end card laid over (`media/supers.py`);
    the offline slideshow already shows them on its cards."""
    base = {"script_id": brief.script_id, "creative_name": brief.creative_name, "provider": result.provider,
            "model": result.model, "fallback_reason": result.fallback_reason}
    video = brief.video
    requested = VideoShape(aspect_ratio=video.aspect_ratio, duration_s=video.duration_seconds, resolution=video.resolution)
    data = {"rank": brief.rank, "brief_sha": brief.video_sha, "approved": approved,
            "variant_name": variant_name(brief.creative_name, VIDEO_VARIANT),
            "duration_seconds": video.duration_seconds, "aspect_ratio": video.aspect_ratio,
            "resolution": video.resolution, "cost_usd": result.cost_usd, "requested": requested.model_dump(),
            "render_id": result.render_id, "model_version": result.model_version}
    if result.data is None:
        return MediaRecord(kind="video", status="failed", error=result.error or "no video returned", data=data, **base)
    probe = probe_video(result.data)
    if not probe.decodable:
        return MediaRecord(kind="video", status="failed", error=f"delivered video rejected: {probe.error}",
                           data={**data, "probe": probe.model_dump()}, **base)
    wrong = mismatches(requested, probe)
    stored = storage.put(object_path(slug, brief.creative_name, VIDEO_FILE), result.data, "video/mp4")
    if result.provider != "offline":
        supers = [(a, b, s.on_screen_text) for a, b, s in video.timed_shots() if s.on_screen_text]
        finished = storage.put(object_path(slug, brief.creative_name, VIDEO_AD_FILE),
                               add_supers(result.data, supers, f"{video.cta} →", colours), "video/mp4")
        data["ad_path"], data["supers"] = finished.path, len(supers)
    return MediaRecord(kind="video", bucket=stored.bucket, path=stored.path, content_type="video/mp4", size=stored.size,
                       data={**data, "sha256": stored.sha256, "probe": probe.model_dump(),
                             "delivered": probe.shape().model_dump(), "matches": not wrong, "ready": not wrong,
                             "mismatches": wrong}, **base)


@asset(
    partitions_def=company_partitions, deps=[ad_images], pool="gemini_media", retry_policy=PROVIDER_RETRY,
    description=__doc__,  # the module's docstring: what the stage makes and why, shown in the UI
    group_name="media", kinds={"gemini", "postgres", "supabase"},
)
@one_writer_per_company
def ad_videos(
    context: AssetExecutionContext, config: VideosConfig, supabase: SupabaseResource, gemini: GenerationResource,
    media: MediaPolicy,
) -> MaterializeResult:
    db, storage = supabase.db(), supabase.storage()
    company = partition_company(context, db)
    with db.transaction() as conn:
        briefs = load_briefs(conn, company.id)
        approved = approved_names(conn, company.id, briefs)
        reviews = latest_reviews(conn, company.id)
        existing = {r.creative_name: r for r in load_media(conn, company.id, VIDEO_KINDS)}
        images = load_media(conn, company.id, ("image",))
        kit = load_brand_kit(conn, company.id)
    require_upstream(briefs, company, "creative briefs", "creative_briefs")
    candidates = media.video_candidates(briefs, approved)
    awaiting = [b for b in briefs[: media.video_top_n] if b not in candidates]
    kept = [b for b in candidates if not config.force and reusable_video(existing.get(b.creative_name), b, storage.exists)]
    todo = [b for b in candidates if b not in kept]
    renders = VideoRenderRepository(db, company.id)  # accepted render ids survive a crash: re-runs poll them
    with ProviderStep(db, company, gemini, "ad_videos") as step:
        generator = step.generator

        async def render_all() -> list[MediaResult]:
            return await asyncio.gather(*(
                generator.video(b.video, b.creative_name, frames_for(storage, images, b.creative_name, b.video.aspect_ratio),
                                renders=renders, force=config.force)
                for b in todo
            ))

        results = run_async(render_all()) if todo else []
    gate = media.approval_gate
    records = [video_record(storage, company.slug, b, r, b.creative_name in approved, ad_copy(b.image, kit).colours)
               for b, r in zip(todo, results)]
    records, fallback, failed_renders = video_fallbacks(records, existing)  # a failed re-render keeps the previous video
    rendered_names = {b.creative_name for b in todo if b.creative_name}
    with db.transaction() as conn:
        kept_rows = [existing[b.creative_name] for b in kept] + fallback
        protected = protected_videos(existing, {b.creative_name for b in kept} | rendered_names, reviews)
        kept_rows += protected
        delete_media(conn, company.id, VIDEO_KINDS)
        insert_media(conn, company.id, records + [
            r.as_record(approved=r.creative_name in approved or r in protected) for r in kept_rows
        ])
        mark_processed(conn, company.id)
    referenced = ({r.path for r in records if r.status == "ok"} | {r.data["ad_path"] for r in records if r.data.get("ad_path")}
                  | {r.storage_path for r in kept_rows} | {r.data["ad_path"] for r in kept_rows if r.data.get("ad_path")})
    swept = sweep_orphans(storage, company.slug, referenced, owned_by_videos)

    failed = failed_renders
    for r in failed:
        context.log.error(f"video failed: {r.creative_name}: {r.error}")
    if todo and len(failed) == len(todo):
        raise Failure(description=f"every video failed (recorded); first reason: {failed[0].error}")
    not_ready = [r for r in records if r.status == "ok" and not r.data.get("matches")]
    for r in not_ready:
        context.log.warning(f"video delivered but not as asked (marked not ready): {r.creative_name}: "
                            f"{'; '.join(r.data.get('mismatches', []))}")
    if gate and awaiting:
        context.log.info(f"{len(awaiting)} of the top {media.video_top_n} await approval: "
                         f"creative-pipeline review {company.slug}")
    rows = [(b, next((r for r in records if r.creative_name == b.creative_name), None)) for b in candidates]
    return MaterializeResult(metadata={
        "approval_gate": "on: approved winners only" if gate else "off: top N without review",
        "video_top_n": media.video_top_n,
        "videos": sum(1 for r in records if r.status == "ok") + len(kept),
        "rendered": sum(1 for r in records if r.status == "ok"),
        "not_as_asked": len(not_ready),  # probed: aspect ratio or duration differs from the request
        "kept_unchanged": len(kept),
        "failed": len(failed),
        "awaiting_approval": len(awaiting) if gate else 0,
        "removed": len(swept),
        "bytes_stored": sum(r.size or 0 for r in records if r.status == "ok") + sum(r.bytes or 0 for r in kept_rows),
        "provider": generator.provider,
        **step.usage,
        # renders are booked in api_usage when the provider accepts them (crash-safe), not in the step ledger
        "video_renders_cost_usd": MetadataValue.float(float(round(sum(r.cost_usd for r in results), 6))),
        "videos_table": MetadataValue.md(md_table(
            ["rank", "creative name", "status", "link"],
            [[b.rank, f"`{b.creative_name}`",
              "kept (brief unchanged)" if rec is None else (
                  ("ok" if rec.data.get("matches") else f"NOT AS ASKED: {'; '.join(rec.data.get('mismatches', []))}")
                  if rec.status == "ok" else f"FAILED: {rec.error}"),
              link(storage, rec.path if rec else existing[b.creative_name].storage_path, supabase.signed_url_ttl_s)]
             for b, rec in rows]
            + [[b.rank, f"`{b.creative_name}`", "awaiting approval", ""] for b in (awaiting if gate else [])],
        )),
    })
