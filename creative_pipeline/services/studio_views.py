"""What the studio's pages show, read as the viewer (RLS decides): the companies with their stage
states and money, one company with its winners as cards, and the performance page.

Typed models, so the templates and the JSON API render the same data."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from creative_pipeline.domain.company import Company
from creative_pipeline.domain.naming import variant_name
from creative_pipeline.domain.review import Review
from creative_pipeline.resources.policies.media import MediaPolicy
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.budget import effective_budget
from creative_pipeline.resources.supabase.repositories.companies import CompanyStatus, list_with_status
from creative_pipeline.resources.supabase.repositories.studio import review_history
from creative_pipeline.resources.supabase.storage import ObjectStorage
from creative_pipeline.services.report import company_report
from creative_pipeline.services.review_listing import ReviewRow, review_rows
from creative_pipeline.services.stage_runs import StageState, states_from, all_stage_states, last_run, stage_states
from creative_pipeline.services.studio_access import Viewer, reader, visible_company


class CompanyLine(BaseModel):
    """One company on the Companies page."""

    status: CompanyStatus
    budget_usd: float | None  # effective: the company's own, else the deployment default; None = no limit
    stages: list[StageState]
    last_run: StageState | None


class WinnerCard(BaseModel):
    """One winner as the creative team sees it."""

    row: ReviewRow
    provider: str  # who made the brief: "offline" is a layout proof, never presented as AI output
    variant_names: dict[int, str]
    scores: dict[str, Any]
    compliance: dict[str, Any]
    abcd: dict[str, Any]
    image_brief: dict[str, Any]
    video_brief: dict[str, Any]
    history: list[Review]


class CompanyPage(BaseModel):
    company: Company
    context: dict[str, Any] | None
    context_provider: str | None
    personas: list[dict[str, Any]]
    winners: list[WinnerCard]
    stages: list[StageState]
    reviews: list[Review]
    usage: list[dict[str, Any]]


def companies_overview(db: Database, viewer: Viewer, default_budget_usd: float | None) -> list[CompanyLine]:
    with reader(db, viewer).transaction() as conn:
        companies = list_with_status(conn)
    states = all_stage_states(db, viewer)
    lines = []
    for c in companies:
        stages = states.get(c.partition_key) or states_from({})
        lines.append(CompanyLine(status=c, budget_usd=effective_budget(c.budget_usd, default_budget_usd),
                                 stages=stages, last_run=last_run(stages)))
    return lines


def company_page(db: Database, viewer: Viewer, storage: ObjectStorage, key: str, policy: MediaPolicy,
                 ttl_s: int) -> CompanyPage:
    """Everything the Company page shows; UnknownCompany when the viewer may not see it."""
    company = visible_company(db, viewer, key)
    scoped = reader(db, viewer)
    with scoped.transaction() as conn:
        report = company_report(conn, company.slug)
        reviews = review_history(conn, company.id)
    rows = review_rows(scoped, storage, company, policy, ttl_s)  # type: ignore[arg-type]
    scripts = {s["id"]: s for s in report["scripts"]}
    briefs = {b["rank"]: b for b in report["briefs"]}
    cards = []
    for row in rows:
        brief = briefs.get(row.rank, {})
        script = scripts.get(str(brief.get("script_id")), {})
        cards.append(WinnerCard(
            row=row, provider=str(brief.get("provider", "?")), variant_names={i.variant: variant_name(row.creative_name, i.variant) for i in row.images},
            scores=script.get("scores", {}), compliance=script.get("compliance", {}), abcd=brief.get("abcd", {}),
            image_brief=brief.get("image", {}), video_brief=brief.get("video", {}),
            history=[r for r in reviews if r.creative_name == row.creative_name],
        ))
    return CompanyPage(
        company=company, context=report["company"]["context"], context_provider=report["company"]["context_provider"],
        personas=report["personas"], winners=cards, stages=stage_states(db, viewer, company.slug), reviews=reviews,
        usage=report["usage"],
    )
