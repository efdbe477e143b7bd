"""`estimate`: what a company's chain will cost at most, before anything is spent, next to what
it has spent and its budget. Used by `creative-pipeline estimate` and the review listing."""

from __future__ import annotations

import psycopg

from creative_pipeline.resources.build import gemini_resource, media_policy
from creative_pipeline.resources.gemini.spend.cost_model import Estimate
from creative_pipeline.resources.spend.estimate_inputs import company_estimate
from creative_pipeline.resources.supabase.repositories.budget import company_spend
from creative_pipeline.resources.supabase.repositories.companies import get_company
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.services.runtime import database, settings
from creative_pipeline.settings import Settings


class CompanyEstimate(Estimate):
    company: str
    provider: str
    budget_usd: float | None
    spent_usd: float
    remaining_usd: float | None
    videos_basis: str


def estimate_company(conn: psycopg.Connection, key: str, s: Settings) -> CompanyEstimate:
    """The same figures the assets show: models, attempts and budget read from the resource the
    settings build (live or offline), not from the settings a second time."""
    company = get_company(conn, key)
    gemini = gemini_resource(s)
    chain, basis = company_estimate(
        conn, company, models=gemini.models_by_kind(), max_attempts=gemini.max_attempts, winners=s.winners_count,
        media=media_policy(s), image_size=gemini.image_size,
    )
    spend = company_spend(conn, company.id, gemini.company_budget_usd or None)
    return CompanyEstimate(
        **chain.model_dump(), company=company.slug, provider=gemini.provider,
        budget_usd=spend.budget_usd, spent_usd=round(spend.spent_usd, 4),
        remaining_usd=None if spend.remaining_usd is None else round(spend.remaining_usd, 4), videos_basis=basis,
    )


def stages_after(estimate: Estimate, stage: str, order: list[str]) -> float:
    """The ceiling of every stage after `stage`: what is still to be spent."""
    later = order[order.index(stage) + 1:] if stage in order else []
    return round(sum(estimate.stages[s].usd for s in later if s in estimate.stages), 4)


def estimate(key: str, *, db: Database | None = None, s: Settings | None = None) -> CompanyEstimate:
    """`estimate_company` in its own transaction, with the process's settings (the CLI, the studio)."""
    with (db or database()).transaction() as conn:
        return estimate_company(conn, key, s or settings())
