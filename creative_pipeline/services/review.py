"""Review use-case: what a review does, apart from how it is asked for (CLI flags, prompt, demo, tests).

GREEN approves a winner for video. YELLOW sends the reviewer's feedback to the provider, which
revises the brief; RED re-rolls it. A revised brief keeps its creative name (rank and ABCD tags
are unchanged, and ad platforms match on the name) and the previous versions in `history`.
Every review lands in `creative_reviews`; all reviews of one invocation commit together.
"""

from __future__ import annotations

import asyncio
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from creative_pipeline.domain.company import Company
from creative_pipeline.domain.approval import brief_hash
from creative_pipeline.resources.gemini.errors import GenerationFailed, PermanentProviderError
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.gemini.spend.ledger import UsageLedger
from creative_pipeline.resources.revisions import revise_briefs, store_revision
from creative_pipeline.resources.spend.build import provider_guard
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.generation_inputs import company_brief
from creative_pipeline.resources.supabase.repositories.reviews import insert_review
from creative_pipeline.resources.supabase.repositories.scripts import load_winners
from creative_pipeline.resources.supabase.repositories.usage import write_usage

MAX_FEEDBACK = 2000


class ReviewAction(BaseModel):
    rank: int = Field(ge=1)
    status: Literal["GREEN", "YELLOW", "RED"]
    feedback: str | None = Field(default=None, max_length=MAX_FEEDBACK)

    @model_validator(mode="after")
    def _feedback_for_yellow(self) -> "ReviewAction":
        if self.status == "YELLOW" and not (self.feedback or "").strip():
            raise ValueError(f"feedback for rank {self.rank} is empty: say what to change")
        return self


class ReviewOutcome(BaseModel):
    rank: int
    creative_name: str
    status: str
    brief_version: int
    revised: bool = False
    error: str | None = None


def _check(actions: list[ReviewAction], ranks: set[int]) -> None:
    unknown = sorted({a.rank for a in actions} - ranks)
    if unknown:
        raise ValueError(f"no winner with rank {', '.join(map(str, unknown))}; ranks are {min(ranks)}..{max(ranks)}")
    seen: set[int] = set()
    for action in actions:
        if action.rank in seen:
            raise ValueError(f"rank {action.rank} is reviewed twice in one go; pick one verdict")
        seen.add(action.rank)


def apply_reviews(db: Database, gemini: GenerationResource, company: Company, actions: list[ReviewAction],
                  reviewer: str) -> list[ReviewOutcome]:
    """Record the reviews; revise (YELLOW) or re-roll (RED) briefs through the provider first.

    A revision that fails is reported and its review not recorded, so the reviewer can retry."""
    with db.transaction() as conn:
        briefs = {b.rank: b for b in load_briefs(conn, company.id)}
        winners = {w.winner_rank: w for w in load_winners(conn, company.id)}
    if not briefs:
        raise ValueError(f"{company.slug} has no creative briefs to review yet")
    _check(actions, set(briefs))
    to_revise = [a for a in actions if a.status != "GREEN"]
    ledger = UsageLedger("review")
    generator = gemini.generator(ledger, provider_guard(db, company, gemini, ledger))  # budget, limits
    brief_input = company_brief(db, company) if to_revise else None
    asks = [(briefs[a.rank], a.feedback if a.status == "YELLOW" else None) for a in to_revise]

    try:
        replies = asyncio.run(revise_briefs(generator, brief_input, winners, asks)) if to_revise else []
        revised = dict(zip((a.rank for a in to_revise), replies))
    finally:
        with db.transaction() as conn:  # on its own: the calls cost money even if recording the reviews fails
            write_usage(conn, company.id, ledger.calls)
    outcomes: list[ReviewOutcome] = []
    with db.transaction() as conn:
        for action in actions:
            brief = briefs[action.rank]
            version = brief.version
            result = revised.get(action.rank)
            if isinstance(result, PermanentProviderError):  # a bad key is not one brief's problem
                raise ValueError(f"the provider refused the request: {result.reason}") from result
            if isinstance(result, GenerationFailed):
                outcomes.append(ReviewOutcome(rank=action.rank, creative_name=brief.creative_name, status=action.status,
                                              brief_version=version, error=f"revision failed: {result.reason}"))
                continue
            if isinstance(result, BaseException):
                raise result
            insert_review(conn, company.id, brief.script_id, brief.creative_name, action.status, action.feedback,
                          reviewer, version, processed=action.status != "GREEN",
                          brief_hash=brief_hash(brief) if action.status == "GREEN" else None)
            if result is not None:
                store_revision(conn, company.id, brief, result, action.status, action.feedback)
            outcomes.append(ReviewOutcome(rank=action.rank, creative_name=brief.creative_name, status=action.status,
                                          brief_version=version + (result is not None), revised=result is not None))
    return outcomes
