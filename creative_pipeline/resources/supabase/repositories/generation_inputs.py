"""What the provider is given, read back from the database: the company brief (name, UVP and
scraped context) and a winner as a brief's input.

The `creative_briefs` stage and the review service both generate briefs, so both read their
inputs here rather than one reaching into the other."""

from __future__ import annotations

from creative_pipeline.domain.company import Company
from creative_pipeline.domain.persona import PersonaDraft
from creative_pipeline.domain.script import WinnerRow
from creative_pipeline.resources.gemini.content import CompanyBrief, WinnerForBrief
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.brand_assets import load_brand_kit
from creative_pipeline.resources.supabase.repositories.companies import load_context


def company_brief(db: Database, company: Company) -> CompanyBrief:
    with db.transaction() as conn:
        ctx, kit = load_context(conn, company.id), load_brand_kit(conn, company.id)
    return CompanyBrief(slug=company.slug, name=company.name, uvp=company.uvp, context=ctx, brand_kit=kit)


def winner_for_brief(row: WinnerRow) -> WinnerForBrief:
    """A `load_winners` row as the brief generator's input."""
    return WinnerForBrief(
        script_id=str(row.id), rank=row.winner_rank, persona=PersonaDraft.model_validate(row.persona_data),
        headline=row.headline, hook=row.hook, body=row.body, cta=row.cta, abcd=row.abcd,
    )
