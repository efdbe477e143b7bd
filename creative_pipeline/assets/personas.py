"""Stage 2: five distinct marketing personas, one structured-output call.

A reply with fewer than five (a lax model) is topped up by asking again and keeping only new
names; the set is written only when all five are there (`complete_set`), else the step fails
and the previous personas stay.

The same call proposes proof points from the site text (no extra request): a proposal joins
`company.context.proof_points` only when its quote is on the page's visible text; the others
are listed with the reason in this stage's metadata (`proof_points_dropped`).
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
from creative_pipeline.domain.company import ProofPoint
from creative_pipeline.domain.persona import PERSONAS_PER_COMPANY, PersonaDraft
from creative_pipeline.domain.provenance import Provenance
from creative_pipeline.resources.gemini.content import CompanyBrief, ContentGenerator
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.supabase.repositories.companies import save_context
from creative_pipeline.resources.supabase.repositories.personas import replace_personas
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.resources.web.proof import DroppedProof, with_model_proposals


async def five_personas(generator: ContentGenerator, company: CompanyBrief, proposals: list[ProofPoint] | None = None):
    """Positions 1..5 filled with distinct personas; each re-ask keeps only names not seen yet.
    Every reply's proof-point proposals are appended to `proposals` (checked by the caller)."""
    taken: set[str] = set()

    async def ask(pack: list[int]) -> dict[int, tuple[PersonaDraft, Provenance]]:
        result = await generator.personas(company)
        if proposals is not None:
            proposals.extend(ProofPoint(claim=p.claim, quote=p.quote) for p in result.value.proof_points)
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
    brief = company_brief(db, company)
    proposals: list[ProofPoint] = []
    with ProviderStep(db, company, gemini, "personas") as step:
        done = run_async(five_personas(step.generator, brief, proposals))
    require_complete(done, "personas", lambda k: f"persona {k}")
    people = [done.values[k][0] for k in done.wanted]
    made_by = [done.values[k][1] for k in done.wanted]
    provider = step.generator.provider
    ctx = brief.context
    kept, dropped = with_model_proposals(ctx.proof_points, proposals, ctx.main_text)
    if ctx.source != "website":  # a UVP-only context has no page to quote
        kept, dropped = ctx.proof_points, [DroppedProof(**p.model_dump(), reason="no page to quote (UVP-only context)")
                                           for p in proposals]
    with db.transaction() as conn:
        replace_personas(conn, company.id, people, provider, made_by)
        if proposals and ctx.source == "website":
            save_context(conn, company.id, ctx.model_copy(update={"proof_points": kept}), provider="web")
    return MaterializeResult(
        metadata={
            "personas": len(people),
            "provider": provider,
            **models_metadata(made_by, step.generator.text_model),
            "provider_calls_for_set": done.calls,
            "proof_points_proposed": len(proposals),
            "proof_points": len(kept),
            "proof_points_dropped": MetadataValue.json([d.model_dump() for d in dropped]),
            **step.usage,
            "preview": MetadataValue.md(md_table(
                ["#", "name", "archetype", "age", "top pain"],
                [[i, p.name, p.archetype, p.age_range, p.pains[0]] for i, p in enumerate(people, 1)],
            )),
        }
    )
