"""Check on `winners`: min(N, eligible) winners ranked 1..n, none RED (blocking)."""

from dagster import AssetCheckExecutionContext, AssetCheckResult, asset_check

from creative_pipeline.assets.winners import winners
from creative_pipeline.checks.support import read_facts
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories import stage_facts
from creative_pipeline.resources.supabase.repositories.compliance import compliance_facts
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.resources.policies.scoring import ScoringPolicy


@asset_check(asset=winners, partitions_def=company_partitions, blocking=True,
             description="min(N, eligible) winners ranked 1..n, none of them RED (eligible = scored, GREEN or YELLOW).")
def ten_winners(context: AssetCheckExecutionContext, supabase: SupabaseResource, scoring: ScoringPolicy) -> AssetCheckResult:
    facts = read_facts(context, supabase, stage_facts.winner_facts)
    compliance = read_facts(context, supabase, compliance_facts)
    n = min(scoring.winners_count, compliance.eligible)
    ranks_ok = facts.total == n == facts.distinct_ranks and facts.min_rank == min(n, 1) and facts.max_rank == n
    ok = ranks_ok and compliance.red_winners == 0 and compliance.unchecked_winners == 0
    return AssetCheckResult(passed=ok, metadata={**facts.model_dump(), "expected": n, "configured": scoring.winners_count,
                                                 "eligible": compliance.eligible, "red_winners": compliance.red_winners})
