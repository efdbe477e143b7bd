"""The review desk: what a reviewer does, by company key — list the winners, decide, approve the
top N (the demo), override a compliance verdict. The CLI's `review`, the studio and the demo call
these; the decisions themselves are `review.apply_reviews`, the rows `review_listing.review_rows`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from creative_pipeline.domain.company import Company
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.reviews import approved_names
from creative_pipeline.services.compliance import OverrideOutcome, override_verdict
from creative_pipeline.services.review import ReviewAction, ReviewOutcome, apply_reviews
from creative_pipeline.services.review_listing import ReviewRow, review_rows
from creative_pipeline.services.runtime import database, settings
from creative_pipeline.services.runtime import resources as default_resources


class TopApproval(BaseModel):
    """What `approve_top` did: the top N, which of them it approved now, and whether the gate is on."""

    gate: bool
    top_n: int
    top_ranks: list[int]
    approved_now: list[int]


def winners_for_review(company: Company, *, resources: dict[str, Any] | None = None,
                       db: Database | None = None) -> list[ReviewRow]:
    """Each winner as the reviewer sees it (signed image and video links, review and compliance state)."""
    resources = resources or default_resources()
    return review_rows(db or database(), resources["supabase"].storage(), company, resources["media"],
                       settings().signed_url_ttl_s)


def decide(company: Company, actions: list[ReviewAction], reviewer: str, *, resources: dict[str, Any] | None = None,
           db: Database | None = None) -> list[ReviewOutcome]:
    """Record GREEN / YELLOW / RED decisions (YELLOW revises, RED re-rolls a brief through the
    provider first); ValueError for an unknown rank or a refused provider request."""
    resources = resources or default_resources()
    return apply_reviews(db or database(), resources["gemini"], company, actions, reviewer)


def approve_top(company: Company, reviewer: str, *, resources: dict[str, Any] | None = None,
                db: Database | None = None) -> TopApproval:
    """Approve the top N (VIDEO_TOP_N) that are not approved yet, as `review --approve 1 2 3` would;
    nothing when the approval gate is off. Already approved winners are left alone."""
    resources = resources or default_resources()
    policy, db = resources["media"], db or database()
    if not policy.approval_gate:
        return TopApproval(gate=False, top_n=policy.video_top_n, top_ranks=[], approved_now=[])
    with db.transaction() as conn:
        briefs = load_briefs(conn, company.id)
        approved = approved_names(conn, company.id, briefs)
    top = briefs[: policy.video_top_n]
    todo = [b.rank for b in top if b.creative_name not in approved]
    if todo:
        apply_reviews(db, resources["gemini"], company, [ReviewAction(rank=r, status="GREEN") for r in todo], reviewer)
    return TopApproval(gate=True, top_n=policy.video_top_n, top_ranks=[b.rank for b in top], approved_now=todo)


def override(company: Company, key: str, reason: str, reviewer: str, verdict: str = "GREEN", *,
             db: Database | None = None) -> OverrideOutcome:
    """Override the compliance verdict of winner `key` (a rank) or of a script (id prefix), with a
    reason (audited, append-only); winners use it when re-materialized. ValueError names what was wrong."""
    return override_verdict(db or database(), company, key, reason, reviewer, verdict)
