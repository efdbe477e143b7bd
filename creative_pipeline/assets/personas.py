"""Stage 2: five distinct marketing personas, one structured-output call."""


from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from creative_pipeline.assets.company_context import company_context
from creative_pipeline.assets.support import (
    PROVIDER_RETRY,
    ProviderStep,
    company_brief,
    md_table,
    partition_company,
    run_async,
)
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.gemini.resource import GeminiResource
from creative_pipeline.resources.supabase.repositories.personas import replace_personas
from creative_pipeline.resources.supabase.resource import SupabaseResource


@asset(
    partitions_def=company_partitions, deps=[company_context], pool="gemini_text", retry_policy=PROVIDER_RETRY,
    group_name="generation", kinds={"gemini", "postgres"},
)
def personas(context: AssetExecutionContext, supabase: SupabaseResource, gemini: GeminiResource) -> MaterializeResult:
    db = supabase.db()
    company = partition_company(context, db)
    with ProviderStep(db, company, gemini, "personas") as step:
        result = run_async(step.generator.personas(company_brief(db, company)))
    people = result.value.personas
    with db.transaction() as conn:
        replace_personas(conn, company.id, people, result.provider, result.model)
    return MaterializeResult(
        metadata={
            "personas": len(people),
            "provider": result.provider,
            "model": result.model,
            **step.usage,
            "preview": MetadataValue.md(md_table(
                ["#", "name", "archetype", "age", "top pain"],
                [[i, p.name, p.archetype, p.age_range, p.pains[0]] for i, p in enumerate(people, 1)],
            )),
        }
    )
