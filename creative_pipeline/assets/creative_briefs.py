"""Stage 6: an image brief and a video brief per winner, ABCD-tagged, with a creative name.

The creative name is what ad platforms carry back in exports, so it is stable: a winner that
keeps its rank and tags keeps the name (and its date) across re-materializations.
"""


import asyncio
from datetime import date, datetime, timezone

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from creative_pipeline.assets.support import (
    PROVIDER_RETRY,
    ProviderStep,
    company_brief,
    md_table,
    partition_company,
    require_upstream,
    run_async,
)
from creative_pipeline.assets.winners import winners
from creative_pipeline.domain.abcd import AbcdTags
from creative_pipeline.domain.brief import CreativeBrief
from creative_pipeline.domain.naming import build_creative_name, parse_creative_name
from creative_pipeline.domain.persona import PersonaDraft
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.gemini.content import WinnerForBrief
from creative_pipeline.resources.gemini.errors import GenerationFailed
from creative_pipeline.resources.gemini.resource import GeminiResource
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs, replace_briefs
from creative_pipeline.resources.supabase.repositories.scripts import load_winners
from creative_pipeline.resources.supabase.resource import SupabaseResource


def winner_for_brief(row: dict) -> WinnerForBrief:
    return WinnerForBrief(
        script_id=str(row["id"]), rank=row["winner_rank"], persona=PersonaDraft.model_validate(row["persona_data"]),
        headline=row["headline"], hook=row["hook"], body=row["body"], cta=row["cta"],
        abcd=AbcdTags(scene_setting=row["scene_setting"], scene_subject=row["scene_subject"], action=row["action"],
                      driver=row["driver"], format=row["format"]),
    )


def stable_name(winner: WinnerForBrief, slug: str, previous: dict[str, str], today: date) -> str:
    """Reuse the previous name of this script when its tags and rank are unchanged."""
    fresh = build_creative_name(today, winner.abcd, slug, winner.rank)
    old = previous.get(winner.script_id)
    parsed = parse_creative_name(old) if old else None
    if parsed and parsed.canonical == build_creative_name(parsed.created_on, winner.abcd, slug, winner.rank):
        return old  # type: ignore[return-value]
    return fresh


@asset(
    partitions_def=company_partitions, deps=[winners], pool="gemini_text", retry_policy=PROVIDER_RETRY,
    group_name="generation", kinds={"gemini", "postgres"},
)
def creative_briefs(context: AssetExecutionContext, supabase: SupabaseResource, gemini: GeminiResource) -> MaterializeResult:
    db = supabase.db()
    company = partition_company(context, db)
    with db.transaction() as conn:
        rows = load_winners(conn, company.id)
        previous = {b["script_id"]: b["creative_name"] for b in load_briefs(conn, company.id)}
    require_upstream(rows, company, "winners", "winners")
    found = [winner_for_brief(r) for r in rows]
    brief_input = company_brief(db, company)
    with ProviderStep(db, company, gemini, "creative_briefs") as step:
        generator = step.generator

        async def draft_all() -> list:
            return await asyncio.gather(*(generator.brief(brief_input, w) for w in found), return_exceptions=True)

        drafts = run_async(draft_all())
    today = datetime.now(timezone.utc).date()
    briefs, failures = [], []
    for winner, row, draft in zip(found, rows, drafts, strict=True):
        if isinstance(draft, GenerationFailed):
            failures.append(f"rank {winner.rank}: {draft.reason}")
            continue
        if isinstance(draft, BaseException):
            raise draft
        briefs.append(CreativeBrief(
            script_id=winner.script_id, creative_name=stable_name(winner, company.slug, previous, today),
            rank=winner.rank, abcd=winner.abcd, image=draft.value.image, video=draft.value.video,
            persona_name=winner.persona.name, final_score=row["final"],
        ))
    with db.transaction() as conn:
        replace_briefs(conn, company.id, briefs, generator.provider, generator.text_model)
    for failure in failures:
        context.log.error(f"brief failed: {failure}")
    return MaterializeResult(
        metadata={
            "briefs": len(briefs),
            "failed_briefs": len(failures),
            "provider": generator.provider,
            **step.usage,
            "naming_convention": "YYYYMMDD_<A1>_<A2>_<B>_<C>_<D>_<company-slug>_W<rank>",
            "briefs_table": MetadataValue.md(md_table(
                ["rank", "creative name", "image headline", "CTA", "aspect", "video s"],
                [[b.rank, f"`{b.creative_name}`", b.image.headline[:50], b.image.cta, b.image.aspect_ratio,
                  b.video.duration_seconds] for b in briefs],
            )),
        }
    )
