"""Asset checks for the generation stages (one function per stage, each a guard a person trusts).

They live in one module because each is a few lines over `stage_facts`; media and performance
checks have their own modules.
"""

from collections.abc import Callable
from typing import Any
from uuid import UUID

import psycopg
from dagster import AssetCheckExecutionContext, AssetCheckResult, AssetCheckSeverity, asset_check

from creative_pipeline.assets.ad_scripts import ad_scripts
from creative_pipeline.assets.company_context import company_context
from creative_pipeline.assets.creative_briefs import creative_briefs
from creative_pipeline.assets.personas import personas
from creative_pipeline.assets.script_compliance import script_compliance
from creative_pipeline.assets.script_scores import script_scores
from creative_pipeline.assets.winners import winners
from creative_pipeline.domain.persona import PERSONAS_PER_COMPANY
from creative_pipeline.domain.script import SCRIPTS_PER_BATCH, SEED_TEMPLATES
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories import stage_facts
from creative_pipeline.resources.supabase.repositories.companies import get_company, load_context
from creative_pipeline.resources.supabase.repositories.compliance import compliance_facts
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.scoring.policy import ScoringPolicy

EXPECTED_SCRIPTS = PERSONAS_PER_COMPANY * len(SEED_TEMPLATES) * SCRIPTS_PER_BATCH
FactsQuery = Callable[[psycopg.Connection, UUID], dict[str, Any]]


def _facts(context: AssetCheckExecutionContext, supabase: SupabaseResource, read: FactsQuery) -> dict[str, Any]:
    with supabase.db().transaction() as conn:
        company = get_company(conn, context.partition_key)
        return dict(read(conn, company.id))


@asset_check(asset=company_context, partitions_def=company_partitions, description="Context exists and says where it came from.")
def context_present(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    with supabase.db().transaction() as conn:
        ctx = load_context(conn, get_company(conn, context.partition_key).id)
    return AssetCheckResult(
        passed=bool(ctx.description or ctx.title or ctx.main_text),
        severity=AssetCheckSeverity.WARN,
        metadata={"source": ctx.source, "scrape_error": ctx.scrape_error or ""},
    )


@asset_check(asset=personas, partitions_def=company_partitions, blocking=True, description="Exactly 5 distinct personas.")
def five_distinct_personas(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    facts = _facts(context, supabase, stage_facts.persona_facts)
    ok = facts["total"] == PERSONAS_PER_COMPANY == facts["distinct_names"]
    return AssetCheckResult(passed=ok, metadata=facts)


@asset_check(asset=ad_scripts, partitions_def=company_partitions, blocking=True, description="100 scripts: 5 personas x 4 batches x 5.")
def hundred_scripts(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    facts = _facts(context, supabase, stage_facts.script_facts)
    ok = facts["total"] == EXPECTED_SCRIPTS and facts["missing_provenance"] == 0
    return AssetCheckResult(passed=ok, metadata={**facts, "expected": EXPECTED_SCRIPTS})


@asset_check(asset=script_scores, partitions_def=company_partitions, blocking=True, description="Every script scored, all parts in 0-100.")
def scores_in_range(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    facts = _facts(context, supabase, stage_facts.score_facts)
    ok = facts["out_of_range"] == 0 and facts["total"] == facts["scripts"] > 0  # no scores at all is not a pass
    return AssetCheckResult(passed=ok, metadata=facts)


@asset_check(asset=script_compliance, partitions_def=company_partitions, description="Every script has a compliance verdict.")
def verdict_per_script(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    facts = {**_facts(context, supabase, compliance_facts), **_facts(context, supabase, stage_facts.script_facts)}
    ok = facts["checked"] == facts["total"] > 0
    return AssetCheckResult(passed=ok, metadata={"checked": facts["checked"], "scripts": facts["total"]})


@asset_check(asset=winners, partitions_def=company_partitions, blocking=True,
             description="min(N, eligible) winners ranked 1..n, none of them RED (eligible = scored, GREEN or YELLOW).")
def ten_winners(context: AssetCheckExecutionContext, supabase: SupabaseResource, scoring: ScoringPolicy) -> AssetCheckResult:
    facts = {k: v or 0 for k, v in _facts(context, supabase, stage_facts.winner_facts).items()}
    compliance = _facts(context, supabase, compliance_facts)
    n = min(scoring.winners_count, compliance["eligible"])
    ranks_ok = facts["total"] == n == facts["distinct_ranks"] and facts["min_rank"] == min(n, 1) and facts["max_rank"] == n
    ok = ranks_ok and compliance["red_winners"] == 0 and compliance["unchecked_winners"] == 0
    return AssetCheckResult(passed=ok, metadata={**facts, "expected": n, "configured": scoring.winners_count,
                                                 "eligible": compliance["eligible"], "red_winners": compliance["red_winners"]})


@asset_check(asset=creative_briefs, partitions_def=company_partitions, blocking=True, description="An image and a video brief per winner, unique names.")
def brief_per_winner(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    facts = _facts(context, supabase, stage_facts.brief_facts)
    ok = facts["winners"] == facts["image_briefs"] == facts["video_briefs"] == facts["names"] > 0
    return AssetCheckResult(passed=ok, metadata=facts)


GENERATION_CHECKS = [
    context_present, five_distinct_personas, hundred_scripts, scores_in_range, verdict_per_script, ten_winners,
    brief_per_winner,
]
