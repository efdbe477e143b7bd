"""Check on `script_scores`: every script scored, every part in 0-100 (blocking)."""

from dagster import AssetCheckExecutionContext, AssetCheckResult, asset_check

from creative_pipeline.assets.script_scores import script_scores
from creative_pipeline.checks.support import read_facts
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories import stage_facts
from creative_pipeline.resources.supabase.resource import SupabaseResource


@asset_check(asset=script_scores, partitions_def=company_partitions, blocking=True, description="Every script scored, all parts in 0-100.")
def scores_in_range(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    facts = read_facts(context, supabase, stage_facts.score_facts)
    ok = facts.out_of_range == 0 and facts.total == facts.scripts > 0  # no scores at all is not a pass
    return AssetCheckResult(passed=ok, metadata=facts.model_dump())
