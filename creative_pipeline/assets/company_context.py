"""Stage 1: the company's website, fetched safely and distilled into context."""


from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from creative_pipeline.assets.support import one_writer_per_company, partition_company
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories.companies import save_context
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.resources.web.resource import WebResource


@asset(partitions_def=company_partitions, group_name="generation", kinds={"python", "postgres"})
@one_writer_per_company
def company_context(context: AssetExecutionContext, supabase: SupabaseResource, web: WebResource) -> MaterializeResult:
    """Title, description, headings, offer, proof points, audience cues, keywords and brand colours.
    A site that cannot be fetched yields a UVP-only context with the reason, not a failure."""
    db = supabase.db()
    company = partition_company(context, db)
    ctx = web.fetch_context(company.url, company.uvp)
    with db.transaction() as conn:
        save_context(conn, company.id, ctx, provider="web" if ctx.source == "website" else "uvp_only")
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
            "preview": MetadataValue.md(
                f"**{ctx.title or company.name}**\n\n{ctx.description}\n\n*Offer:* {ctx.offer or '—'}\n\n"
                f"*Audience cues:* {', '.join(ctx.audience_cues) or '—'}\n\n*Proof points (quoted from the page):*\n"
                + ("\n".join(f"- {p.quote}" for p in ctx.proof_points) or "—")
            ),
        }
    )
