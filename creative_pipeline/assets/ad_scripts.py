"""Stage 3: per persona, 4 batches x 5 scripts, each batch its own seed template and temperature.

The 20 batch calls run concurrently under the client's limits. A batch that fails after the
retry policy is stored as a failed batch with its reason; the other batches are kept.
"""


import asyncio

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from creative_pipeline.assets.personas import personas
from creative_pipeline.assets.support import (
    PROVIDER_RETRY,
    ProviderStep,
    company_brief,
    md_table,
    partition_company,
    require_upstream,
    run_async,
)
from creative_pipeline.domain.script import SEED_TEMPLATES
from creative_pipeline.partitions import company_partitions
from creative_pipeline.prompts.renderer import template_version
from creative_pipeline.resources.gemini.content import CompanyBrief, ContentGenerator
from creative_pipeline.resources.gemini.errors import GenerationFailed
from creative_pipeline.resources.gemini.resource import GeminiResource
from creative_pipeline.resources.supabase.repositories.personas import load_personas
from creative_pipeline.resources.supabase.repositories.scripts import BatchRecord, replace_scripts
from creative_pipeline.resources.supabase.resource import SupabaseResource


async def _one_batch(generator: ContentGenerator, company: CompanyBrief, row: dict, index: int) -> BatchRecord:
    template = SEED_TEMPLATES[index]
    record = BatchRecord(
        persona_id=row["id"], batch_index=index + 1, template=template.key,
        template_version=template_version("script_batch"), temperature=template.temperature,
        provider=generator.provider, model=generator.text_model,
    )
    try:
        result = await generator.script_batch(company, row["persona"], template, index + 1)
    except GenerationFailed as exc:
        record.error = exc.reason
        return record
    record.scripts, record.tokens_in, record.tokens_out = result.value.scripts, result.tokens_in, result.tokens_out
    record.model_version, record.temperature_applied = result.model_version, result.temperature_applied
    return record


async def _all_batches(generator: ContentGenerator, company: CompanyBrief, rows: list[dict]) -> list[BatchRecord]:
    jobs = [_one_batch(generator, company, row, i) for row in rows for i in range(len(SEED_TEMPLATES))]
    return list(await asyncio.gather(*jobs))


@asset(
    partitions_def=company_partitions, deps=[personas], pool="gemini_text", retry_policy=PROVIDER_RETRY,
    group_name="generation", kinds={"gemini", "postgres"},
)
def ad_scripts(context: AssetExecutionContext, supabase: SupabaseResource, gemini: GeminiResource) -> MaterializeResult:
    db = supabase.db()
    company = partition_company(context, db)
    with db.transaction() as conn:
        persona_rows = load_personas(conn, company.id)
    require_upstream(persona_rows, company, "personas", "personas")
    with ProviderStep(db, company, gemini, "ad_scripts") as step:
        batches = run_async(_all_batches(step.generator, company_brief(db, company), persona_rows))
    with db.transaction() as conn:
        written = replace_scripts(conn, company.id, batches)
    failed = [b for b in batches if b.error]
    for batch in failed:
        context.log.error(f"batch {batch.batch_index} ({batch.template}) failed: {batch.error}")
    names = {r["id"]: r["persona"].name for r in persona_rows}
    return MaterializeResult(
        metadata={
            "scripts": written,
            "batches": len(batches),
            "failed_batches": len(failed),
            "provider": batches[0].provider if batches else gemini.provider,
            **step.usage,
            "batches_table": MetadataValue.md(md_table(
                ["persona", "batch", "template", "temperature", "scripts", "status"],
                [[names[b.persona_id], b.batch_index, b.template, b.temperature, len(b.scripts),
                  f"failed: {b.error}" if b.error else "ok"] for b in batches],
            )),
        }
    )
