"""Checks on `company_context`: a context exists and says where it came from; the brand images
it kept are in Storage as recorded."""

from dagster import AssetCheckExecutionContext, AssetCheckResult, AssetCheckSeverity, asset_check

from creative_pipeline.assets.company_context import company_context
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories.brand_assets import load_brand_assets
from creative_pipeline.resources.supabase.repositories.companies import get_company, load_context
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.resources.supabase.storage import sha256_hex


@asset_check(asset=company_context, partitions_def=company_partitions, description="Context exists and says where it came from.")
def context_present(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    with supabase.db().transaction() as conn:
        ctx = load_context(conn, get_company(conn, context.partition_key).id)
    return AssetCheckResult(
        passed=bool(ctx.description or ctx.title or ctx.main_text),
        severity=AssetCheckSeverity.WARN,
        metadata={"source": ctx.source, "scrape_error": ctx.scrape_error or ""},
    )


@asset_check(asset=company_context, partitions_def=company_partitions,
             description="Every kept brand image (product photos, logo) is present in Storage with its recorded sha256.")
def brand_images_present(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    """A missing or changed object would make ad_images generate without the product: say so here."""
    storage = supabase.storage()
    with supabase.db().transaction() as conn:
        assets = load_brand_assets(conn, get_company(conn, context.partition_key).id)
    bad = [a.storage_path for a in assets if not storage.exists(a.storage_path)
           or sha256_hex(storage.get(a.storage_path)) != a.sha256]
    return AssetCheckResult(
        passed=not bad, severity=AssetCheckSeverity.WARN,
        metadata={"brand_images": len(assets), "kinds": ", ".join(a.kind for a in assets) or "none",
                  "missing_or_changed": ", ".join(bad[:10])},
    )
