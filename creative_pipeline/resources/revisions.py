"""A brief revision, shared by the two doors that apply one: the `brief_revisions` asset (what the
studio's decisions become, as a Dagster run) and the CLI's in-process `review --feedback`
(services/review.py). Here, below both, so neither imports the other's layer."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from typing import Any

import psycopg

from creative_pipeline.compliance.briefs import brief_compliance, check_brief
from creative_pipeline.domain.brief import CreativeBrief, StoredBrief
from creative_pipeline.domain.brief_draft import BriefDraft
from creative_pipeline.resources.gemini.content import ContentGenerator
from creative_pipeline.resources.supabase.repositories.briefs import upsert_brief
from creative_pipeline.resources.supabase.repositories.generation_inputs import winner_for_brief


async def revise_briefs(generator: ContentGenerator, brief_input: Any, winners: dict[int, Any],
                        asks: list[tuple[StoredBrief, str | None]]) -> list[Any]:
    """Ask the provider to revise each brief (with the feedback; None re-rolls it), concurrently;
    exceptions are returned in place so one failed brief does not hide the others."""
    return await asyncio.gather(*(
        generator.revise_brief(brief_input, winner_for_brief(winners[brief.rank]),
                               BriefDraft(image=brief.image, video=brief.video), feedback)
        for brief, feedback in asks
    ), return_exceptions=True)


def store_revision(conn: psycopg.Connection, company_id: Any, brief: StoredBrief, result: Any, status: str,
                   feedback: str | None) -> None:
    """Write the revised brief (checked like any brief) under the same creative name, keeping the
    replaced version in its history with the review that asked for it."""
    history = [*brief.history, {
        "version": brief.version, "image": brief.image_body, "video": brief.video_body, "provider": brief.provider,
        "replaced_at": datetime.now(timezone.utc).isoformat(), "review": status, "feedback": feedback,
    }]
    upsert_brief(conn, company_id, CreativeBrief(
        script_id=brief.script_id, creative_name=brief.creative_name, rank=brief.rank,
        abcd=brief.abcd, image=result.value.image, video=result.value.video,
        persona_name=brief.persona_name, final_score=brief.final_score,
        compliance=brief_compliance(check_brief(result.value), regenerated=False),
    ), result.provider, result.model, history=history, fallback_reason=result.fallback_reason)
