"""company_context's brand step: store the site's checked images and read the brand kit.

Kept out of the stage body so it reads load → call → write → metadata. The user's own images
and kit fields are decisions: a re-scrape never removes or overrides them."""

from __future__ import annotations

from dagster import MetadataValue

from creative_pipeline.assets.support import md_table
from creative_pipeline.domain.brand import BrandAsset, BrandKit, BrandReferences
from creative_pipeline.domain.company import Company
from creative_pipeline.media.brand_images import palette_colors
from creative_pipeline.media.brand_kit import read_kit
from creative_pipeline.media.brand_references import choose_references
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.brand_assets import load_brand_assets, load_brand_kit
from creative_pipeline.resources.supabase.brand_objects import store_brand_image
from creative_pipeline.resources.supabase.storage import ObjectStorage, StorageError, sha256_hex
from creative_pipeline.resources.web.resource import SiteRead


def store_site_images(storage: ObjectStorage, company: Company, site: SiteRead, previous: BrandKit | None) -> list[BrandAsset]:
    """Store the site's checked images, except those a person removed before (by sha256)."""
    excluded = set(previous.excluded_sha256) if previous else set()
    return [store_brand_image(storage, company.slug, k.image, k.kind, "site", k.url) for k in site.images.kept
            if sha256_hex(k.image.data) not in excluded]


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


def load_references(db: Database, storage: ObjectStorage, company: Company) -> BrandReferences:
    """The company's product photo and logo (bytes from Storage) and kit, for ad_images."""
    with db.transaction() as conn:
        assets, kit = load_brand_assets(conn, company.id), load_brand_kit(conn, company.id)
    missing: list[str] = []

    def read(asset: BrandAsset | None) -> BrandAsset | None:
        """The asset when its object can be read (an object lost from Storage is reported, not fatal)."""
        if asset is None:
            return None
        try:
            data[asset.storage_path] = storage.get(asset.storage_path)
            return asset
        except StorageError:
            missing.append(asset.storage_path)
            return None

    data: dict[str, bytes] = {}
    product, logo = (read(a) for a in choose_references(assets, kit))
    return BrandReferences(
        product=data[product.storage_path] if product else None,
        product_sha256=product.sha256 if product else None, product_type=product.content_type if product else None,
        logo=data[logo.storage_path] if logo else None,
        logo_sha256=logo.sha256 if logo else None, logo_type=logo.content_type if logo else None, kit=kit,
        missing=missing,
    )


def references_metadata(refs: BrandReferences) -> dict[str, object]:
    """What ad_images says about references: which were used, or that none exist (so the
    images were generated from the brief alone, as before brand images existed)."""
    return {
        "brand_references": refs.describe(),
        "brand_reference_sha256": ", ".join(s for s in (refs.product_sha256, refs.logo_sha256) if s) or "—",
    }
