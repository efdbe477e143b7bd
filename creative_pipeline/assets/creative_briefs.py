"""Stage 6: an image brief and a video brief per winner, ABCD-tagged, with a creative name.

Briefs are asked `BRIEF_PACK` winners per call (10 winners: 3 calls); a short reply re-asks
only the winners it left out, and each brief is validated and checked on its own.

Every brief's on-screen copy (headlines, on-screen text, voiceover, CTA, media prompts) goes
through the compliance rules before it is stored; a RED brief is regenerated once with the
reasons, and if it is still RED it is stored flagged (`compliance.flagged`) for a person.

The creative name is what ad platforms carry back in exports, so it is stable: a winner that
keeps its rank and tags keeps the name (and its date) across re-materializations. Briefs are
replaced only when every winner has one; otherwise the step fails and the previous briefs (and
the approvals that name them) stay.
"""

import asyncio
from datetime import date, datetime, timezone

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from creative_pipeline.assets.support import (
    PROVIDER_RETRY,
    Completion,
    complete_set,
    ProviderStep,
    company_brief,
    md_table,
    models_metadata,
    one_writer_per_company,
    partition_company,
    require_complete,
    require_upstream,
    run_async,
)
from creative_pipeline.assets.spend_metadata import cost_ahead
from creative_pipeline.assets.winners import winners
from creative_pipeline.compliance.briefs import brief_compliance, check_brief, revision_feedback
from creative_pipeline.domain.brief_draft import BriefDraft
from creative_pipeline.domain.brief import CreativeBrief
from creative_pipeline.domain.provenance import Provenance
from creative_pipeline.domain.naming import build_creative_name, parse_creative_name
from creative_pipeline.resources.policies.media import MediaPolicy
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.gemini.content import (
    BRIEF_PACK, CompanyBrief, ContentGenerator, WinnerForBrief, brief_ref,
)
from creative_pipeline.resources.gemini.errors import GenerationFailed, PermanentProviderError
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs, replace_briefs
from creative_pipeline.resources.supabase.repositories.generation_inputs import winner_for_brief
from creative_pipeline.resources.supabase.repositories.scripts import load_winners
from creative_pipeline.resources.supabase.resource import SupabaseResource




def stable_name(winner: WinnerForBrief, slug: str, previous: dict[str, str], today: date) -> str:
    """Reuse the previous name of this script when its tags and rank are unchanged."""
    fresh = build_creative_name(today, winner.abcd, slug, winner.rank)
    old = previous.get(winner.script_id)
    parsed = parse_creative_name(old) if old else None
    if parsed and parsed.canonical == build_creative_name(parsed.created_on, winner.abcd, slug, winner.rank):
        return old  # type: ignore[return-value]
    return fresh


async def packed_drafts(
    generator: ContentGenerator, company: CompanyBrief, winners: list[WinnerForBrief]
) -> Completion[int, tuple[BriefDraft, Provenance]]:
    """Every winner's first draft, `BRIEF_PACK` winners per call; winners a short reply left out
    are asked again in smaller packs (fan_out.complete_set), a failed pack is recorded on its
    winners, a permanent provider error fails the step."""
    by_ref = {brief_ref(w): i for i, w in enumerate(winners)}

    async def ask(pack: list[int]) -> dict[int, tuple[BriefDraft, Provenance]]:
        result = await generator.briefs(company, [winners[i] for i in pack])
        refs = [item.ref.strip() for item in result.value]
        if len(set(refs)) == len(refs) and all(by_ref.get(r) in pack for r in refs):
            keys = [by_ref[r] for r in refs]
        else:  # refs not echoed (or not ours): the schema asked for one brief per winner, in order
            keys = pack[: len(result.value)]
        return {k: (BriefDraft.model_validate(item.model_dump(exclude={"ref"})), result.provenance)
                for k, item in zip(keys, result.value, strict=False)}

    return await complete_set(list(range(len(winners))), ask, pack_size=BRIEF_PACK)


async def compliant_brief(
    generator: ContentGenerator, company: CompanyBrief, winner: WinnerForBrief, draft: BriefDraft, origin: Provenance,
) -> tuple[BriefDraft, dict, Provenance]:
    """A winner's draft checked by the rules (and the model that wrote it); a RED one is
    regenerated once, alone, with the reasons. A permanent provider error fails the step."""
    verdict = check_brief(draft)
    if verdict.verdict != "RED":
        return draft, brief_compliance(verdict, regenerated=False), origin
    try:
        revised = await generator.revise_brief(company, winner, draft, revision_feedback(verdict))
    except PermanentProviderError:
        raise
    except GenerationFailed as exc:
        return draft, {**brief_compliance(verdict, regenerated=False), "regeneration_error": exc.reason}, origin
    return revised.value, brief_compliance(check_brief(revised.value), regenerated=True), revised.provenance


async def all_briefs(
    generator: ContentGenerator, company: CompanyBrief, winners: list[WinnerForBrief]
) -> Completion[int, tuple[BriefDraft, dict, Provenance]]:
    """Packed drafts, then each one through compliance (RED ones revised concurrently)."""
    drafts = await packed_drafts(generator, company, winners)
    keys = list(drafts.values)
    checked = await asyncio.gather(*(compliant_brief(generator, company, winners[k], *drafts.values[k]) for k in keys))
    done: Completion[int, tuple[BriefDraft, dict, Provenance]] = Completion(
        wanted=drafts.wanted, values=dict(zip(keys, checked, strict=True)), failures=drafts.failures,
        calls=drafts.calls,
    )
    return done


@asset(
    partitions_def=company_partitions, deps=[winners], pool="gemini_text", retry_policy=PROVIDER_RETRY,
    description=__doc__,  # the module's docstring: what the stage makes and why, shown in the UI
    group_name="generation", kinds={"gemini", "postgres"},
)
@one_writer_per_company
def creative_briefs(
    context: AssetExecutionContext, supabase: SupabaseResource, gemini: GenerationResource, media: MediaPolicy,
) -> MaterializeResult:
    db = supabase.db()
    company = partition_company(context, db)
    with db.transaction() as conn:
        rows = load_winners(conn, company.id)
        previous = {b.script_id: b.creative_name for b in load_briefs(conn, company.id)}
    require_upstream(rows, company, "winners", "winners")
    found = [winner_for_brief(r) for r in rows]
    brief_input = company_brief(db, company)
    with ProviderStep(db, company, gemini, "creative_briefs") as step:
        generator = step.generator
        done = run_async(all_briefs(generator, brief_input, found))
    require_complete(done, "briefs", lambda i: f"rank {found[i].rank}")
    today = datetime.now(timezone.utc).date()
    briefs, made_by = [], []
    for i, (winner, row) in enumerate(zip(found, rows, strict=True)):
        value, compliance, origin = done.values[i]
        made_by.append(origin)
        briefs.append(CreativeBrief(
            script_id=winner.script_id, creative_name=stable_name(winner, company.slug, previous, today),
            rank=winner.rank, abcd=winner.abcd, image=value.image, video=value.video,
            persona_name=winner.persona.name, final_score=row.final, compliance=compliance,
        ))
    with db.transaction() as conn:
        replace_briefs(conn, company.id, briefs, generator.provider, made_by)
    return MaterializeResult(
        metadata={
            "briefs": len(briefs),
            "failed_briefs": 0,
            "briefs_regenerated_for_compliance": sum(1 for b in briefs if (b.compliance or {}).get("regenerated")),
            "briefs_flagged_red": sum(1 for b in briefs if (b.compliance or {}).get("flagged")),
            "provider": generator.provider,
            **models_metadata(made_by, generator.text_model),
            **step.usage,
            **cost_ahead(db, company, gemini, media, ["ad_images", "ad_videos"]),
            "naming_convention": "YYYYMMDD_<A1>_<A2>_<B>_<C>_<D>_<company-slug>_W<rank>",
            "briefs_table": MetadataValue.md(md_table(
                ["rank", "creative name", "compliance", "image headline", "CTA", "aspect", "video s"],
                [[b.rank, f"`{b.creative_name}`", _compliance_cell(b.compliance), b.image.headline[:50], b.image.cta,
                  b.image.aspect_ratio, b.video.duration_seconds] for b in briefs],
            )),
        }
    )


def _compliance_cell(compliance: dict | None) -> str:
    if not compliance:
        return "—"
    note = " (flagged after regeneration)" if compliance["flagged"] else " (regenerated)" if compliance["regenerated"] else ""
    return compliance["verdict"] + note
