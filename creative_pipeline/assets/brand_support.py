"""company_context's brand step: store the site's checked images and read the brand kit.

Kept out of the stage body so it reads load → call → write → metadata. The user's own images
and kit fields are decisions: a re-scrape never removes or overrides them."""

from __future__ import annotations

from dagster import MetadataValue

from creative_pipeline.assets.support import md_table
from creative_pipeline.domain.brand import BrandAsset, BrandKit
from creative_pipeline.domain.company import Company
from creative_pipeline.media.brand_images import palette_colors
from creative_pipeline.media.brand_kit import read_kit
from creative_pipeline.resources.supabase.brand_objects import store_brand_image
from creative_pipeline.resources.supabase.storage import ObjectStorage
from creative_pipeline.resources.web.resource import SiteRead


def store_site_images(storage: ObjectStorage, company: Company, site: SiteRead) -> list[BrandAsset]:
    return [store_brand_image(storage, company.slug, k.image, k.kind, "site", k.url) for k in site.images.kept]


def site_kit(storage: ObjectStorage, company: Company, site: SiteRead, assets: list[BrandAsset],
             previous: BrandKit | None) -> BrandKit:
    """The kit read from this run of the site; fields the user set on `previous` are kept."""
    ctx = site.context
    logo = next((a for a in assets if a.kind == "logo"), None)  # the user's first (repository order)
    logo_colors = palette_colors(storage.get(logo.storage_path)) if logo else []
    texts = [ctx.description, *ctx.headings, ctx.main_text] if ctx.source == "website" else [company.uvp]
    kit = read_kit(logo_colors, ctx.brand_colors, site.brand.font_families, texts,
                   logo.storage_path if logo else None, "site" if ctx.source == "website" else "uvp_only")
    return kit.merged_over(previous)


def brand_metadata(site: SiteRead, assets: list[BrandAsset], kit: BrandKit) -> dict[str, object]:
    rows = [[a.kind, a.origin, f"{a.width}x{a.height}", f"{a.bytes / 1000:.0f} KB", a.source_url[:80]] for a in assets]
    rows += [["refused", "site", "—", "—", f"{r.url[:60]}: {r.reason[:100]}"] for r in site.images.refused]
    return {
        "brand_images_kept": len(assets),
        "brand_images_refused": len(site.images.refused),
        "brand_kit": f"colours {', '.join(kit.colors) or '—'}; font {kit.font}"
                     f"{f' (site: {kit.font_source})' if kit.font_source else ''}; tone {', '.join(t.word for t in kit.tone) or '—'}",
        "brand_images": MetadataValue.md(md_table(["kind", "origin", "size", "bytes", "source / reason"], rows)),
    }
