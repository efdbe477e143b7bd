"""Check on `ad_scripts`: all 100 scripts, each with its provenance (blocking)."""

from dagster import AssetCheckExecutionContext, AssetCheckResult, asset_check

from creative_pipeline.assets.ad_scripts import ad_scripts
from creative_pipeline.checks.support import read_facts
from creative_pipeline.domain.persona import PERSONAS_PER_COMPANY
from creative_pipeline.domain.angle_plan import BATCHES_PER_PERSONA
from creative_pipeline.domain.timed_script import SCRIPTS_PER_BATCH
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories import stage_facts
from creative_pipeline.resources.supabase.resource import SupabaseResource

EXPECTED_SCRIPTS = PERSONAS_PER_COMPANY * BATCHES_PER_PERSONA * SCRIPTS_PER_BATCH


@asset_check(asset=ad_scripts, partitions_def=company_partitions, blocking=True, description="100 scripts: 5 personas x 4 batches x 5.")
def hundred_scripts(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    facts = read_facts(context, supabase, stage_facts.script_facts)
    ok = facts.total == EXPECTED_SCRIPTS and facts.missing_provenance == 0
    return AssetCheckResult(passed=ok, metadata={**facts.model_dump(), "expected": EXPECTED_SCRIPTS})
