"""Check on `script_compliance`: every script has a verdict."""

from dagster import AssetCheckExecutionContext, AssetCheckResult, asset_check

from creative_pipeline.assets.script_compliance import script_compliance
from creative_pipeline.checks.support import read_facts
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories import stage_facts
from creative_pipeline.resources.supabase.repositories.compliance import compliance_facts
from creative_pipeline.resources.supabase.resource import SupabaseResource


@asset_check(asset=script_compliance, partitions_def=company_partitions, description="Every script has a compliance verdict.")
def verdict_per_script(context: AssetCheckExecutionContext, supabase: SupabaseResource) -> AssetCheckResult:
    checked = read_facts(context, supabase, compliance_facts).checked
    scripts = read_facts(context, supabase, stage_facts.script_facts).total
    return AssetCheckResult(passed=checked == scripts > 0, metadata={"checked": checked, "scripts": scripts})
