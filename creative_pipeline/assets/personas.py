"""Stage 2: five distinct marketing personas, one structured-output call.

A reply with fewer than five (a lax model) is topped up by asking again and keeping only new
names; the set is written only when all five are there (`complete_set`), else the step fails
and the previous personas stay.
"""


from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from creative_pipeline.assets.company_context import company_context
from creative_pipeline.assets.support import (
    PROVIDER_RETRY,
    ProviderStep,
    company_brief,
    complete_set,
    md_table,
    models_metadata,
    one_writer_per_company,
    partition_company,
    require_complete,
    run_async,
)
from creative_pipeline.domain.persona import PERSONAS_PER_COMPANY, PersonaDraft
from creative_pipeline.domain.provenance import Provenance
from creative_pipeline.resources.gemini.content import CompanyBrief, ContentGenerator
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.supabase.repositories.personas import replace_personas
from creative_pipeline.resources.supabase.resource import SupabaseResource


async def five_personas(generator: ContentGenerator, company: CompanyBrief):
    """Positions 1..5 filled with distinct personas; each re-ask keeps only names not seen yet."""
    taken: set[str] = set()

    async def ask(pack: list[int]) -> dict[int, tuple[PersonaDraft, Provenance]]:
        result = await generator.personas(company)
        fresh = []
        for persona in result.value.personas:  # no await below: `taken` is updated atomically
            name = persona.name.strip().casefold()
            if name not in taken:
                taken.add(name)
                fresh.append((persona, result.provenance))
        return dict(zip(pack, fresh, strict=False))

    return await complete_set(list(range(1, PERSONAS_PER_COMPANY + 1)), ask, pack_size=PERSONAS_PER_COMPANY)


@asset(
    partitions_def=company_partitions, deps=[company_context], pool="gemini_text", retry_policy=PROVIDER_RETRY,
    description=__doc__,  # the module's docstring: what the stage makes and why, shown in the UI
    group_name="generation", kinds={"gemini", "postgres"},
)
@one_writer_per_company
def personas(context: AssetExecutionContext, supabase: SupabaseResource, gemini: GenerationResource) -> MaterializeResult:
    db = supabase.db()
    company = partition_company(context, db)
    with ProviderStep(db, company, gemini, "personas") as step:
        done = run_async(five_personas(step.generator, company_brief(db, company)))
    require_complete(done, "personas", lambda k: f"persona {k}")
    people = [done.values[k][0] for k in done.wanted]
    made_by = [done.values[k][1] for k in done.wanted]
    provider = step.generator.provider
    with db.transaction() as conn:
        replace_personas(conn, company.id, people, provider, made_by)
    return MaterializeResult(
        metadata={
            "personas": len(people),
            "provider": provider,
            **models_metadata(made_by, step.generator.text_model),
            "provider_calls_for_set": done.calls,
            **step.usage,
            "preview": MetadataValue.md(md_table(
                ["#", "name", "archetype", "age", "top pain"],
                [[i, p.name, p.archetype, p.age_range, p.pains[0]] for i, p in enumerate(people, 1)],
            )),
        }
    )
