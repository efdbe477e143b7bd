"""The facts an estimate needs, read from the database: the site's size, the briefs' video
lengths and which winners are approved. Shared by the `estimate` service and the stages that
show what is still to be spent in their metadata."""

from __future__ import annotations

from typing import Any

import psycopg

from creative_pipeline.domain.company import Company
from creative_pipeline.resources.policies.media import MediaPolicy
from creative_pipeline.resources.gemini.spend.cost_model import Estimate, EstimateInputs, estimate_chain
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.companies import stored_context
from creative_pipeline.resources.supabase.repositories.reviews import approved_names
from creative_pipeline.settings import DEFAULTS

DEFAULT_VIDEO_SECONDS = 8


def _videos(conn: psycopg.Connection, company: Company, media: MediaPolicy) -> tuple[list[int], str]:
    """Seconds of each video that would render: the approved top N (all of the top N while none
    is approved yet: what approving them would cost), or the top N with the gate off."""
    briefs = load_briefs(conn, company.id)
    if not briefs:
        return [DEFAULT_VIDEO_SECONDS] * media.video_top_n, f"top {media.video_top_n} (no briefs yet)"
    approved = approved_names(conn, company.id) if media.approval_gate else set()
    chosen = media.video_candidates(briefs, approved or {b.creative_name for b in briefs})
    basis = (f"{len(chosen)} approved of the top {media.video_top_n}" if approved
             else f"the top {media.video_top_n}" + (" if approved" if media.approval_gate else ""))
    return [int((b.video.duration_seconds if b.video_body else None) or DEFAULT_VIDEO_SECONDS) for b in chosen], basis


def company_estimate(
    conn: psycopg.Connection, company: Company, *, models: dict[str, list[str]], max_attempts: int,
    winners: int, media: MediaPolicy, image_size: str,
) -> tuple[Estimate, str]:
    """(the chain's ceiling, which videos it counts); `winners` 0 = as many as there are briefs
    (none yet: the default winner count)."""
    winners = winners or len(load_briefs(conn, company.id)) or DEFAULTS.winners_count
    context: dict[str, Any] = stored_context(conn, company.id).context or {}
    seconds, basis = _videos(conn, company, media)
    chain = estimate_chain(EstimateInputs(
        context_chars=len(str(context.get("main_text", ""))[:4000]) + 600 if context else 4000,
        winners=winners, video_seconds=seconds, models=models, max_attempts=max_attempts, image_size=image_size,
    ))
    return chain, basis
