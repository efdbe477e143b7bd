"""Brief revisions: the reviewers' YELLOW (revise with feedback) and RED (re-roll) decisions that
the studio stored, applied to their briefs by the provider — as a Dagster run of `creative_revisions`
(launched by `brief_revisions_sensor`), never inside the web request that recorded the decision.

A revised brief keeps its creative name (ad platforms match on it) and the previous version in
`history`; its version goes up by one. All pending revisions of the company are revised first and
written together; if one fails, nothing is written and the reviews stay pending for the next run.
"""

from typing import Any

from dagster import AssetExecutionContext, MaterializeResult, asset

from creative_pipeline.assets.creative_briefs import creative_briefs
from creative_pipeline.assets.support import ProviderStep, one_writer_per_company, partition_company, run_async
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.gemini.errors import GenerationFailed
from creative_pipeline.resources.revisions import revise_briefs, store_revision
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.generation_inputs import company_brief
from creative_pipeline.resources.supabase.repositories.reviews import mark_reviews_processed, pending_revisions
from creative_pipeline.resources.supabase.repositories.scripts import load_winners
from creative_pipeline.resources.supabase.resource import SupabaseResource

BATCH = 500


@asset(
    partitions_def=company_partitions, deps=[creative_briefs], pool="gemini_text", description=__doc__,
    group_name="review", kinds={"gemini", "postgres"},
)
@one_writer_per_company
def brief_revisions(context: AssetExecutionContext, supabase: SupabaseResource,
                    gemini: GenerationResource) -> MaterializeResult:
    db = supabase.db()
    company = partition_company(context, db)
    with db.transaction() as conn:
        pending = pending_revisions(conn, BATCH, company.id)
        briefs = {b.creative_name: b for b in load_briefs(conn, company.id)}
        winners = {w.winner_rank: w for w in load_winners(conn, company.id)}
    latest = {p.creative_name: p for p in pending if p.creative_name in briefs}  # the newest decision per brief wins
    asks = [(briefs[name], p.feedback if p.status == "YELLOW" else None) for name, p in latest.items()]
    results: list[Any] = []
    if asks:
        with ProviderStep(db, company, gemini, "brief_revisions") as step:
            results = run_async(revise_briefs(step.generator, company_brief(db, company), winners, asks))
    for (brief, _), result in zip(asks, results):
        if isinstance(result, GenerationFailed):
            raise RuntimeError(f"revision of {brief.creative_name} failed: {result.reason}; the reviews stay pending")
        if isinstance(result, BaseException):
            raise result
    with db.transaction() as conn:
        for (brief, feedback), result in zip(asks, results):
            store_revision(conn, company.id, brief, result, latest[brief.creative_name].status, feedback)
        mark_reviews_processed(conn, [p.id for p in pending])  # superseded / briefless ones too: nothing to apply
    context.log.info(f"revised {len(asks)} brief(s) of {company.slug}")
    return MaterializeResult(metadata={"revised": len(asks), "reviews_applied": len(pending),
                                       "creatives": ", ".join(sorted(latest)) or "-"})
