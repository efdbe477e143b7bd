"""Check on `creative_briefs`: an image and a video brief per winner, unique names (blocking)."""

from dagster import AssetCheckExecutionContext, AssetCheckResult, asset_check

from creative_pipeline.assets.creative_briefs import creative_briefs
from creative_pipeline.checks.support import read_facts
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories import stage_facts
from creative_pipeline.resources.supabase.resource import SupabaseResource


@asset_check(asset=creative_briefs, partitions_def=company_partitions, blocking=True, description="An image and a video brief per winner, unique names.")
def brief_per_winner(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    facts = read_facts(context, supabase, stage_facts.brief_facts)
    ok = facts.winners == facts.image_briefs == facts.video_briefs == facts.names > 0
    return AssetCheckResult(passed=ok, metadata=facts.model_dump())
