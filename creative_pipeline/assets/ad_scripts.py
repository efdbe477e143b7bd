"""Stage 3: per persona, 4 batches x 5 scripts, each batch its own seed template and temperature.

The 20 batch calls run concurrently under the client's limits (`complete_set`). A batch reply
with fewer than 5 scripts is topped up by asking that batch again; the company's scripts are
replaced only when all 100 are there. Otherwise the step fails naming the batches that failed
or stayed short, and the previous scripts (and everything built on them) stay.
"""


from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from creative_pipeline.assets.personas import personas
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
    require_upstream,
    run_async,
)
from creative_pipeline.domain.persona import StoredPersona
from creative_pipeline.domain.provenance import Provenance, combined
from creative_pipeline.domain.script import SCRIPTS_PER_BATCH, SEED_TEMPLATES, ScriptDraft
from creative_pipeline.partitions import company_partitions
from creative_pipeline.prompts.renderer import template_version
from creative_pipeline.resources.gemini.content import CompanyBrief, ContentGenerator
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.supabase.repositories.personas import load_personas
from creative_pipeline.resources.supabase.repositories.scripts import BatchRecord, replace_scripts
from creative_pipeline.resources.supabase.resource import SupabaseResource

Slot = tuple[int, int, int]  # (persona row, seed template, position in the batch)


def _identity(script: ScriptDraft) -> str:
    return "\n".join((script.headline, script.hook, script.body)).casefold()


async def all_scripts(generator: ContentGenerator, company: CompanyBrief, rows: list[StoredPersona]) -> list[BatchRecord]:
    """100 scripts as 20 complete batches, or a Failure naming what is missing."""
    headlines: dict[tuple[int, int], set[str]] = {}
    tokens: dict[tuple[int, int], list[int]] = {}
    served: dict[tuple[int, int], tuple] = {}  # what the provider reports it served (issue 7)

    async def ask(pack: list[Slot]) -> dict[Slot, tuple[ScriptDraft, Provenance]]:
        p, t, _ = pack[0]
        result = await generator.script_batch(company, rows[p].persona, SEED_TEMPLATES[t], t + 1)
        seen = headlines.setdefault((p, t), set())
        used = tokens.setdefault((p, t), [0, 0])
        used[0], used[1] = used[0] + result.tokens_in, used[1] + result.tokens_out
        served[(p, t)] = (result.model_version, result.temperature_applied)
        # a re-ask may repeat scripts an earlier reply gave: keep only new ones (no await below,
        # so `seen` is updated atomically)
        fresh = [s for s in result.value.scripts if _identity(s) not in seen]
        seen.update(_identity(s) for s in fresh)
        return dict(zip(pack, [(s, result.provenance) for s in fresh], strict=False))

    slots = [(p, t, i) for p in range(len(rows)) for t in range(len(SEED_TEMPLATES)) for i in range(SCRIPTS_PER_BATCH)]
    done = await complete_set(slots, ask, pack_size=SCRIPTS_PER_BATCH, group=lambda s: s[:2])
    require_complete(done, "scripts", lambda s: f"{rows[s[0]].persona.name} batch {s[1] + 1}")
    batches = []
    for p, row in enumerate(rows):
        for t, template in enumerate(SEED_TEMPLATES):
            t_in, t_out = tokens.get((p, t), [0, 0])
            made = [done.values[(p, t, i)] for i in range(SCRIPTS_PER_BATCH)]
            batch = combined((origin for _, origin in made), Provenance(model=generator.text_model))
            batches.append(BatchRecord(
                persona_id=row.id, batch_index=t + 1, template=template.key,
                template_version=template_version("script_batch"), temperature=template.temperature,
                provider=generator.provider, model=batch.model, fallback_reason=batch.fallback_reason,
                made_by=[origin for _, origin in made], tokens_in=t_in, tokens_out=t_out,
                scripts=[script for script, _ in made],
                model_version=served[(p, t)][0], temperature_applied=served[(p, t)][1],
            ))
    return batches


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
    with ProviderStep(db, company, gemini, "ad_scripts") as step:
        batches = run_async(all_scripts(step.generator, company_brief(db, company), persona_rows))
    with db.transaction() as conn:
        written = replace_scripts(conn, company.id, batches)
    failed = [b for b in batches if b.error]
    names = {r.id: r.persona.name for r in persona_rows}
    return MaterializeResult(
        metadata={
            "scripts": written,
            "batches": len(batches),
            "failed_batches": len(failed),
            "provider": batches[0].provider if batches else gemini.provider,
            **models_metadata([o for b in batches for o in b.made_by], step.generator.text_model),
            **step.usage,
            "batches_table": MetadataValue.md(md_table(
                ["persona", "batch", "template", "temperature", "scripts", "status"],
                [[names[b.persona_id], b.batch_index, b.template, b.temperature, len(b.scripts),
                  f"failed: {b.error}" if b.error else "ok"] for b in batches],
            )),
        }
    )
