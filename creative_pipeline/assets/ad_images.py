"""Stage 7: images per winner — a primary and two variants, each a clean plate (no text) with a
thumbnail and its composed ad per placement (9:16, 4:5, 1:1: headline and CTA laid over in the
brand's colours, inside the placement's safe zones) — and one contact sheet of the winners.

Objects live at `<company>/<creative-name>/image_v<n>.png` (plate), `.../ad_v<n>_<9x16>.png` and
`.../thumb_v<n>.jpg`; rows hold the paths, never bytes. Each variant has its own creative name
(`<winner>_V<n>`, in the rows' data and the export). An image that fails is a row with status failed and its reason, and the
other winners are kept. A re-run overwrites the same objects and sweeps what no row references,
so there are never orphans or duplicate rows.
"""

import asyncio

from dagster import AssetExecutionContext, Config, Failure, MaterializeResult, MetadataValue, asset
from pydantic import Field

from creative_pipeline.assets.brand_support import load_references, references_metadata
from creative_pipeline.assets.creative_briefs import creative_briefs
from creative_pipeline.assets.image_sets import ImageSet, render_set, store_set
from creative_pipeline.assets.media_support import CONTACT_SHEET, link, object_path, owned_by_images, preview_markdown
from creative_pipeline.assets.media_support import sweep_orphans, where
from creative_pipeline.assets.spend_metadata import cost_ahead
from creative_pipeline.assets.support import (
    PROVIDER_RETRY,
    ProviderStep,
    md_table,
    models_metadata,
    one_writer_per_company,
    partition_company,
    require_upstream,
    run_async,
)
from creative_pipeline.media.contact_sheet import ContactItem, contact_sheet_png
from creative_pipeline.media.overlay import ad_copy
from creative_pipeline.media.rules import keep_previous_on_failure, unchanged_sets
from creative_pipeline.domain.cta import cta_button
from creative_pipeline.domain.provenance import Provenance
from creative_pipeline.resources.policies.media import MediaPolicy
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.supabase.repositories.brand_assets import load_brand_kit
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.media import (
    IMAGE_KINDS,
    MediaRecord,
    StoredMedia,
    delete_media,
    insert_media,
    load_media,
)
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.resources.supabase.storage import ObjectStorage


class ImagesConfig(Config):
    ranks: list[int] = Field(
        default_factory=list,
        description="Render only these winner ranks (empty: every winner). The review command uses it "
                    "to re-render the briefs a reviewer just revised, without paying for the others again.",
    )
    force: bool = Field(default=False, description="Re-render every selected winner, even images whose brief "
                                                   "did not change (those are kept by default: they were paid for).")


def contact_items(storage: ObjectStorage, sets: list[ImageSet], kept_rows: list[StoredMedia]) -> list[ContactItem]:
    """The sheet shows every winner's primary ad (9:16): fresh ones from memory, kept ones from storage."""
    items = [ContactItem(image_png=s.primary_ad, creative_name=s.brief.creative_name, final_score=s.brief.final_score or 0,
                         persona=s.brief.persona_name, rank=s.brief.rank) for s in sets if s.primary_ad]
    fresh = {s.brief.creative_name for s in sets}
    for row in kept_rows:
        if (row.kind == "ad" and row.variant == 1 and row.placement == "9:16" and row.ok
                and row.creative_name not in fresh):
            items.append(ContactItem(image_png=storage.get(row.storage_path), creative_name=row.creative_name,
                                     final_score=row.data.get("final_score") or 0, persona=row.data.get("persona", ""),
                                     rank=row.rank))
    return items


@asset(
    partitions_def=company_partitions, deps=[creative_briefs], pool="gemini_media", retry_policy=PROVIDER_RETRY,
    description=__doc__,  # the module's docstring: what the stage makes and why, shown in the UI
    group_name="media", kinds={"gemini", "postgres", "supabase"},
)
@one_writer_per_company
def ad_images(
    context: AssetExecutionContext, config: ImagesConfig, supabase: SupabaseResource, gemini: GenerationResource,
    media: MediaPolicy,
) -> MaterializeResult:
    db, storage = supabase.db(), supabase.storage()
    company = partition_company(context, db)
    with db.transaction() as conn:
        briefs = load_briefs(conn, company.id)
    require_upstream(briefs, company, "creative briefs", "creative_briefs")
    selected = [b for b in briefs if not config.ranks or b.rank in config.ranks]
    with db.transaction() as conn:
        existing = load_media(conn, company.id, ("image", "ad"))
        kit = load_brand_kit(conn, company.id)  # None until the company has one: the brief's palette then
    unchanged = set() if config.force else unchanged_sets(selected, existing, storage.exists)
    selected = [b for b in selected if b.creative_name not in unchanged]
    partial: list[str] | None = [b.creative_name for b in selected] if config.ranks or unchanged else None
    if partial is not None and not config.ranks:  # images of creatives that are no longer winners go
        current = {b.creative_name for b in briefs}
        partial += sorted({r.creative_name for r in existing if r.creative_name not in current})
    references = load_references(db, storage, company)
    with ProviderStep(db, company, gemini, "ad_images") as step:
        generator = step.generator

        async def render_all() -> list:
            return await asyncio.gather(*(render_set(generator, b, references) for b in selected))

        rendered = run_async(render_all())
    sets = [store_set(storage, company.slug, brief, results, media.thumbnail_px, ad_copy(brief.image, kit, brief.script_headline),
                      cta_button(brief.image.cta, (brief.image_body or {}).get("cta_button")))
            for brief, results in zip(selected, rendered)]
    with db.transaction() as conn:
        previous = load_media(conn, company.id, ("image", "ad", "thumbnail"))
        kept = [r for r in previous if r.kind == "ad" and partial is not None and r.creative_name not in partial]
    failed_now = [r for s in sets for r in s.records if r.kind == "image" and r.status == "failed"]
    records = keep_previous_on_failure([r for s in sets for r in s.records], previous)
    sheet_png = None
    items = contact_items(storage, sets, kept)
    if items:
        sheet_png = contact_sheet_png(items, title=f"{company.name} — top creatives ({generator.provider})")
        sheet = storage.put(object_path(company.slug, CONTACT_SHEET), sheet_png, "image/png")
        records.append(MediaRecord(kind="contact_sheet", bucket=sheet.bucket, path=sheet.path, content_type="image/png",
                                   size=sheet.size, provider=generator.provider, model=generator.image_model,
                                   data={"sha256": sheet.sha256, "creatives": len(items)}))
    with db.transaction() as conn:
        delete_media(conn, company.id, ("image", "ad", "thumbnail"), partial)
        delete_media(conn, company.id, ("contact_sheet",))
        insert_media(conn, company.id, records)
        referenced = {r.storage_path for r in load_media(conn, company.id, IMAGE_KINDS) if r.ok}
    swept = sweep_orphans(storage, company.slug, referenced, owned_by_images)

    images = [r for r in records if r.kind == "image"]
    failed = failed_now
    for r in failed:
        context.log.error(f"image failed: {r.creative_name} v{r.variant}: {r.error}")
    if failed and len(failed) == sum(1 for s in sets for r in s.records if r.kind == "image"):
        raise Failure(description=f"every image failed; first reason: {failed[0].error}")
    sheet_path = object_path(company.slug, CONTACT_SHEET) if sheet_png else None
    metadata: dict = {
        "winners_rendered": len(selected),
        "winners_kept_unchanged": len(unchanged),
        "images": len(images) - len(failed),
        "images_failed": len(failed),
        "thumbnails": sum(1 for r in records if r.kind == "thumbnail"),
        "ads": sum(1 for r in records if r.kind == "ad"),
        "brand_kit": "colours and typeface from the brand kit" if kit and kit.colors else "none: the brief's palette",
        "bytes_stored": sum(r.size or 0 for r in records if r.status == "ok"),
        "orphans_removed": len(swept),
        "provider": generator.provider,
        **references_metadata(references),
        **models_metadata([Provenance(model=r.model, fallback_reason=r.fallback_reason) for r in images
                           if r.status == "ok"], generator.image_model),
        "storage": f"{storage.backend}: {where(storage, company.slug)}",
        **step.usage,
        **cost_ahead(db, company, gemini, media, ["ad_videos"]),
        "images_table": MetadataValue.md(md_table(
            ["rank", "variant names", "v1", "v2", "v3", "primary object"],
            [[s.brief.rank, f"`{s.brief.creative_name}_V1..V3`", *(s.status(v) for v in (1, 2, 3)),
              f"`{storage.bucket}/{s.primary_path}`" if s.primary_path else "—"] for s in sets],
        )),
    }
    if sheet_png:
        metadata["contact_sheet"] = MetadataValue.md(preview_markdown(sheet_png, f"{company.slug} contact sheet"))
        metadata["contact_sheet_path"] = MetadataValue.text(f"{storage.bucket}/{sheet_path}")
        url = link(storage, sheet_path, supabase.signed_url_ttl_s)
        if url:
            metadata["contact_sheet_url"] = MetadataValue.url(url)
    if failed:
        metadata["failures"] = MetadataValue.md(md_table(
            ["creative name", "variant", "reason"], [[f"`{r.creative_name}`", r.variant, r.error] for r in failed]))
    return MaterializeResult(metadata=metadata)
