"""Stage 3: the company's angles planned once, then per persona 4 batches x 5 timed scripts,
each batch one angle (angle x persona), every script checked against the page.

The plan is one call; the 20 batch calls run concurrently under the client's limits
(`complete_set`). A batch reply with fewer than 5 usable scripts is topped up by asking that
batch again (with what was wrong: claims not on the page, the brand too late); the company's
scripts are replaced only when all 100 are there. Otherwise the step fails naming the batches
that failed or stayed short, and the previous scripts (and everything built on them) stay.
Details: `assets/script_writing.py`.
"""

from collections import Counter

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from creative_pipeline.assets.personas import personas
from creative_pipeline.assets.script_writing import plan_and_write
from creative_pipeline.assets.support import (
    PROVIDER_RETRY,
    ProviderStep,
    company_brief,
    md_table,
    models_metadata,
    one_writer_per_company,
    partition_company,
    require_upstream,
    run_async,
)
from creative_pipeline.partitions import company_partitions
from creative_pipeline.prompts.renderer import template_version
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.supabase.repositories.personas import load_personas
from creative_pipeline.resources.supabase.repositories.scripts import replace_scripts
from creative_pipeline.resources.supabase.resource import SupabaseResource


@asset(
    partitions_def=company_partitions, deps=[personas], pool="gemini_text", retry_policy=PROVIDER_RETRY,
    description=__doc__,  # the module's docstring: what the stage makes and why, shown in the UI
    group_name="generation", kinds={"gemini", "postgres"},
)
@one_writer_per_company
def ad_scripts(context: AssetExecutionContext, supabase: SupabaseResource, gemini: GenerationResource) -> MaterializeResult:
    db = supabase.db()
    company = partition_company(context, db)
    with db.transaction() as conn:
        persona_rows = load_personas(conn, company.id)
    require_upstream(persona_rows, company, "personas", "personas")
    brief = company_brief(db, company)
    with ProviderStep(db, company, gemini, "ad_scripts") as step:
        plan, planner, batches, facts = run_async(plan_and_write(step.generator, brief, persona_rows))
    with db.transaction() as conn:
        written = replace_scripts(conn, company.id, batches)
    failed = [b for b in batches if b.error]
    names = {r.id: r.persona.name for r in persona_rows}
    scripts = [c for b in batches for c in b.scripts]
    reasons = Counter(r.split(":")[0] for c in scripts for r in c.ineligible_reasons)
    return MaterializeResult(
        metadata={
            "scripts": written,
            "batches": len(batches),
            "failed_batches": len(failed),
            "provider": batches[0].provider if batches else gemini.provider,
            "prompt_versions": f"angle_plan {template_version('angle_plan')}, script_batch {template_version('script_batch')}",
            "angles_planned": len(plan.angles),
            "angles_used": len({b.angle for b in batches}),
            "angles_skipped": MetadataValue.json(plan.skipped),
            "angles_filled_in_from_vocabulary": ", ".join(plan.filled_in) or "none",
            "angle_plan_by": planner,
            "ineligible_scripts": sum(1 for c in scripts if c.ineligible_reasons),
            "ineligible_by_reason": MetadataValue.json(dict(reasons)),
            "scripts_trimmed_to_time": sum(1 for c in scripts if any("trimmed" in r for r in c.checks.get("repairs", []))),
            **{k: v for k, v in facts.items()},
            **models_metadata([o for b in batches for o in b.made_by], step.generator.text_model),
            **step.usage,
            "batches_table": MetadataValue.md(md_table(
                ["persona", "batch", "angle", "messenger", "format", "scripts", "may not win", "status"],
                [[names[b.persona_id], b.batch_index, b.angle, b.angle_plan.get("messenger", ""),
                  b.angle_plan.get("format", ""), len(b.scripts), sum(1 for c in b.scripts if c.ineligible_reasons),
                  f"failed: {b.error}" if b.error else "ok"] for b in batches],
            )),
        }
    )
