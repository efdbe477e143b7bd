"""Stage 1: the company's website, fetched safely and distilled into context."""


from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from creative_pipeline.assets.brand_support import brand_metadata, site_kit, store_site_images
from creative_pipeline.assets.support import one_writer_per_company, partition_company
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.brand_objects import sweep_brand_objects
from creative_pipeline.resources.supabase.repositories.brand_assets import (
    load_brand_assets,
    load_brand_kit,
    replace_site_assets,
    save_brand_kit,
)
from creative_pipeline.resources.supabase.repositories.companies import save_context
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.resources.web.resource import WebResource


@asset(partitions_def=company_partitions, group_name="generation", kinds={"python", "postgres"})
@one_writer_per_company
def company_context(context: AssetExecutionContext, supabase: SupabaseResource, web: WebResource) -> MaterializeResult:
    """Title, description, headings, offer, proof points, audience cues, keywords and brand colours of the site,
    its checked brand images (a few product photos and the logo) and the brand kit. A site that
    cannot be fetched yields a UVP-only context with the reason, not a failure."""
    db, storage = supabase.db(), supabase.storage()
    company = partition_company(context, db)
    site = web.read_site(company.url, company.uvp)
    ctx = site.context
    with db.transaction() as conn:
        previous_kit = load_brand_kit(conn, company.id)
        users = load_brand_assets(conn, company.id, "user")
    found = store_site_images(storage, company, site, previous_kit)
    kit = site_kit(storage, company, site, users + found, previous_kit)
    with db.transaction() as conn:
        save_context(conn, company.id, ctx, provider="web" if ctx.source == "website" else "uvp_only")
        replace_site_assets(conn, company.id, found)
        save_brand_kit(conn, company.id, kit)
        assets = load_brand_assets(conn, company.id)
    sweep_brand_objects(storage, company.slug, {a.storage_path for a in assets})
    if ctx.scrape_error:
        context.log.warning(f"{company.url}: {ctx.scrape_error}; using the UVP alone")
    return MaterializeResult(
        metadata={
            "url": MetadataValue.url(company.url),
            "scrape_status": "ok" if ctx.source == "website" else "failed: UVP-only context",
            "scrape_error": ctx.scrape_error or "",
            "title": ctx.title,
            "keywords": ", ".join(ctx.keywords),
            "brand_colors": ", ".join(ctx.brand_colors),
            "headings": len(ctx.headings),
            "main_text_chars": len(ctx.main_text),
            "offer": ctx.offer or "(none stated on the page)",
            "proof_points": len(ctx.proof_points),
            **brand_metadata(site, assets, kit),
            "preview": MetadataValue.md(
                f"**{ctx.title or company.name}**\n\n{ctx.description}\n\n*Offer:* {ctx.offer or '—'}\n\n"
                f"*Audience cues:* {', '.join(ctx.audience_cues) or '—'}\n\n*Proof points (quoted from the page):*\n"
                + ("\n".join(f"- {p.quote}" for p in ctx.proof_points) or "—")
            ),
        }
    )
