"""`estimate`: what a company's chain will cost at most, before anything is spent, next to what
it has spent and its budget. Used by `creative-pipeline estimate` and the review listing."""

from __future__ import annotations

import psycopg

from creative_pipeline.resources.policies.media import MediaPolicy
from creative_pipeline.resources.gemini.cost_model import Estimate
from creative_pipeline.resources.spend.estimate_inputs import company_estimate
from creative_pipeline.resources.supabase.repositories.budget import company_spend
from creative_pipeline.resources.supabase.repositories.companies import get_company
from creative_pipeline.settings import Settings


class CompanyEstimate(Estimate):
    company: str
    provider: str
    budget_usd: float | None
    spent_usd: float
    remaining_usd: float | None
    videos_basis: str


def _models(s: Settings) -> dict[str, list[str]]:
    return {
        "text": [s.gemini_text_model, *s.gemini_text_fallback_models],
        "image": [s.gemini_image_model, *s.gemini_image_fallback_models],
        "video": [s.gemini_video_model, *s.gemini_video_fallback_models],
    }


def estimate_company(conn: psycopg.Connection, key: str, s: Settings) -> CompanyEstimate:
    company = get_company(conn, key)
    chain, basis = company_estimate(
        conn, company, models=_models(s), max_attempts=s.gemini_max_attempts, winners=s.winners_count,
        media=MediaPolicy(video_top_n=s.video_top_n, approval_gate=s.video_approval_gate),
        image_size=s.gemini_image_size,
    )
    spend = company_spend(conn, company.id, s.company_budget_usd or None)
    return CompanyEstimate(
        **chain.model_dump(), company=company.slug, provider="gemini" if s.gemini_api_key else "offline",
        budget_usd=spend.budget_usd, spent_usd=round(spend.spent_usd, 4),
        remaining_usd=None if spend.remaining_usd is None else round(spend.remaining_usd, 4), videos_basis=basis,
    )


def stages_after(estimate: Estimate, stage: str, order: list[str]) -> float:
    """The ceiling of every stage after `stage`: what is still to be spent."""
    later = order[order.index(stage) + 1:] if stage in order else []
    return round(sum(estimate.stages[s].usd for s in later if s in estimate.stages), 4)
