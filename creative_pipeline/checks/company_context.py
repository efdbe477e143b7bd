"""Check on `company_context`: a context exists and says where it came from."""

from dagster import AssetCheckExecutionContext, AssetCheckResult, AssetCheckSeverity, asset_check

from creative_pipeline.assets.company_context import company_context
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories.companies import get_company, load_context
from creative_pipeline.resources.supabase.resource import SupabaseResource


@asset_check(asset=company_context, partitions_def=company_partitions, description="Context exists and says where it came from.")
def context_present(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    with supabase.db().transaction() as conn:
        ctx = load_context(conn, get_company(conn, context.partition_key).id)
    return AssetCheckResult(
        passed=bool(ctx.description or ctx.title or ctx.main_text),
        severity=AssetCheckSeverity.WARN,
        metadata={"source": ctx.source, "scrape_error": ctx.scrape_error or ""},
    )
