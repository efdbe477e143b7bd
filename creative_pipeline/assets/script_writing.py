"""How `ad_scripts` writes a company's 100 scripts: plan angles once, write 20 batches, check.

1. The angle plan (one call): the angles the page supports (`domain/angle_plan.page_support`),
   the model's proposal kept where supported and filled in from the vocabulary; batches are
   assigned angle x persona (`assign`).
2. 20 batch calls run concurrently (`complete_set`). Every script is checked
   (`compliance/script_checks.check_script`): trimmed to its time, labelled when dramatised,
   and its claims looked up in the page and the UVP. On the first reply of a batch, scripts with
   a fixable fault (a claim not on the page, a proof quote not on the page, the brand too late)
   are left out, so the batch is asked again for them with the faults named; what is still wrong
   in the second reply is stored as the reason the script may not win.
3. Near-duplicate hooks across the company are replaced by the script's own alternatives.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from creative_pipeline.assets.support import complete_set, require_complete
from creative_pipeline.compliance.grounding import Sources
from creative_pipeline.compliance.script_checks import check_script, reask_reasons
from creative_pipeline.domain.angle_plan import FinalPlan, PlannedAngle, assign, finalise, page_support
from creative_pipeline.domain.persona import StoredPersona
from creative_pipeline.domain.provenance import Provenance, combined
from creative_pipeline.domain.timed_script import SCRIPTS_PER_BATCH, CheckedScript
from creative_pipeline.domain.vocabulary import ANGLES
from creative_pipeline.prompts.renderer import template_version
from creative_pipeline.resources.gemini.errors import GenerationFailed, PermanentProviderError
from creative_pipeline.resources.gemini.content import CompanyBrief, ContentGenerator
from creative_pipeline.resources.supabase.repositories.scripts import BatchRecord
from creative_pipeline.scoring.similarity import replace_near_duplicate_hooks

Slot = tuple[int, int, int]  # (persona row, batch of that persona, position in the batch)


def grounding_sources(company: CompanyBrief) -> Sources:
    """What a claim may be found in: the page's visible text and quotes, and what the user wrote
    (the UVP and the company's name: a brand called "Studio 54" says 54 without claiming it)."""
    ctx = company.context
    quotes = [getattr(p, "quote", "") for p in getattr(ctx, "proof_points", None) or []]
    return Sources([ctx.title, ctx.description, *ctx.headings, ctx.main_text, ctx.offer, *quotes, company.uvp,
                    company.name])


async def plan_angles(generator: ContentGenerator, company: CompanyBrief, rows: list[StoredPersona]) -> tuple[FinalPlan, str]:
    """The final plan and who made it: a plan call that fails after its retries is not worth
    failing 20 batches for — the vocabulary's defaults for the supported angles stand in (said
    in the metadata); a permanent provider error still fails the step."""
    support = page_support(company.context, company.uvp)
    allowed = [a for a, reason in support.items() if not reason]
    try:
        result = await generator.angle_plan(company, [r.persona for r in rows], allowed)
    except PermanentProviderError:
        raise
    except GenerationFailed as exc:
        return finalise([], support), f"vocabulary defaults (the plan call failed: {exc.reason})"
    return finalise(result.value.angles, support), result.model


async def plan_and_write(generator: ContentGenerator, company: CompanyBrief,
                         rows: list[StoredPersona]) -> tuple[FinalPlan, str, list[BatchRecord], dict[str, Any]]:
    """Both steps in one event loop (the async client belongs to the loop that made it)."""
    plan, planner = await plan_angles(generator, company, rows)
    batches, facts = await write_batches(generator, company, rows, plan)
    return plan, planner, batches, facts


def _identity(c: CheckedScript) -> str:
    d = c.draft
    return "\n".join((d.headline, d.hook.spoken, d.body())).casefold()


async def write_batches(generator: ContentGenerator, company: CompanyBrief, rows: list[StoredPersona],
                        plan: FinalPlan) -> tuple[list[BatchRecord], dict[str, Any]]:
    """100 checked scripts as 20 complete batches (or a Failure naming what is missing), and facts for metadata."""
    assignment = assign(plan.angles, len(rows))
    sources = grounding_sources(company)
    seen: dict[tuple[int, int], set[str]] = {}
    tokens: dict[tuple[int, int], list[int]] = {}
    served: dict[tuple[int, int], tuple] = {}
    notes: dict[tuple[int, int], list[str]] = {}
    facts: Counter[str] = Counter()

    async def ask(pack: list[Slot]) -> dict[Slot, tuple[CheckedScript, Provenance]]:
        p, b, _ = pack[0]
        planned: PlannedAngle = assignment[p][b]
        again = (p, b) in served
        result = await generator.script_batch(company, rows[p].persona, planned, p * len(assignment[p]) + b + 1,
                                              notes.get((p, b)))
        used = tokens.setdefault((p, b), [0, 0])
        used[0], used[1] = used[0] + result.tokens_in, used[1] + result.tokens_out
        served[(p, b)] = (result.model_version, result.temperature_applied)
        kept = []
        for draft in result.value.scripts:  # no await below: `seen` and `notes` update atomically
            checked = check_script(planned.angle, draft, company.name, sources)
            if _identity(checked) in seen.setdefault((p, b), set()):
                facts["repeated_scripts_dropped"] += 1
                continue
            fixable = reask_reasons(checked)
            if fixable and not again:
                notes.setdefault((p, b), []).extend(fixable)
                facts["scripts_asked_again"] += 1
                continue
            seen[(p, b)].add(_identity(checked))
            kept.append(checked)
        return dict(zip(pack, [(c, result.provenance) for c in kept], strict=False))

    per = len(assignment[0])
    slots = [(p, b, i) for p in range(len(rows)) for b in range(per) for i in range(SCRIPTS_PER_BATCH)]
    done = await complete_set(slots, ask, pack_size=SCRIPTS_PER_BATCH, group=lambda s: s[:2])
    require_complete(done, "scripts", lambda s: f"{rows[s[0]].persona.name} batch {s[1] + 1}")
    ordered = [done.values[s][0] for s in slots]
    deduped, replaced, left = replace_near_duplicate_hooks(ordered)
    by_slot = dict(zip(slots, deduped, strict=True))
    batches = []
    for p, row in enumerate(rows):
        for b in range(per):
            planned = assignment[p][b]
            t_in, t_out = tokens.get((p, b), [0, 0])
            made = [done.values[(p, b, i)][1] for i in range(SCRIPTS_PER_BATCH)]
            origin = combined(made, Provenance(model=generator.text_model))
            batches.append(BatchRecord(
                persona_id=row.id, batch_index=b + 1, angle=planned.angle.value,
                angle_plan=planned.model_dump(mode="json"), template_version=template_version("script_batch"),
                temperature=ANGLES[planned.angle].temperature, provider=generator.provider, model=origin.model,
                fallback_reason=origin.fallback_reason, made_by=made, tokens_in=t_in, tokens_out=t_out,
                scripts=[by_slot[(p, b, i)] for i in range(SCRIPTS_PER_BATCH)],
                model_version=served[(p, b)][0], temperature_applied=served[(p, b)][1],
            ))
    facts.update(hooks_replaced=replaced, near_duplicate_hooks_left=left, batch_calls=done.calls)
    return batches, dict(facts)
