"""Check on `personas`: exactly five distinct personas (blocking)."""

from dagster import AssetCheckExecutionContext, AssetCheckResult, asset_check

from creative_pipeline.assets.personas import personas
from creative_pipeline.checks.support import read_facts
from creative_pipeline.domain.persona import PERSONAS_PER_COMPANY
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories import stage_facts
from creative_pipeline.resources.supabase.resource import SupabaseResource


@asset_check(asset=personas, partitions_def=company_partitions, blocking=True, description="Exactly 5 distinct personas.")
def five_distinct_personas(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    facts = read_facts(context, supabase, stage_facts.persona_facts)
    ok = facts.total == PERSONAS_PER_COMPANY == facts.distinct_names
    return AssetCheckResult(passed=ok, metadata=facts.model_dump())
