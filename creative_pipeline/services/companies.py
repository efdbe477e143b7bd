"""Company use-cases: add, archive, set a budget, look one up, list them with status and spend.

What the CLI, the demo and the studio call; each opens its own transaction and returns typed models.
A company is archived, never deleted: its reviews and cost ledger stay, and no sensor launches it.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from creative_pipeline.domain.brand import BrandAsset, BrandKit
from creative_pipeline.domain.company import Company, CompanyIn
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories import budget as budget_rows
from creative_pipeline.resources.supabase.repositories.brand_assets import load_brand_assets, load_brand_kit
from creative_pipeline.resources.supabase.repositories import companies as company_rows
from creative_pipeline.resources.supabase.repositories.companies import CompanyStatus, UnknownCompany, UnknownUser
from creative_pipeline.services.brand_assets import BrandInputRefused, add_company_with_images
from creative_pipeline.services.runtime import database, settings, storage

__all__ = [
    "AddedCompany", "BrandInputRefused", "CompanyBudget", "brand_images", "brand_kit", "CompanyListing", "UnknownCompany", "UnknownUser", "add_company", "archive_company",
    "ensure_company", "get_company", "list_companies", "set_budget",
]


class AddedCompany(BaseModel):
    company: Company
    brand_images: list[BrandAsset]


class CompanyBudget(BaseModel):
    """A company's budget after `set_budget`: None = no limit."""

    company: Company
    budget_usd: float | None


class CompanyListing(CompanyStatus):
    """One company with its stage counts and money; `budget_usd` is the effective budget (the
    company's own, else the deployment's COMPANY_BUDGET_USD; None = no limit)."""


def get_company(key: str, *, db: Database | None = None) -> Company:
    """The company by partition key (slug) or id; UnknownCompany (with the message to show) otherwise."""
    with (db or database()).transaction() as conn:
        return company_rows.get_company(conn, key)


def add_company(company: CompanyIn, images: list[Path] | None = None, *, db: Database | None = None) -> AddedCompany:
    """Insert a companies row (its slug, the partition key, is fixed for life) with the user's
    brand images, all in one transaction after every file passed its checks. UnknownUser when
    `user_id` names no auth user, BrandInputRefused for a bad file: nothing written either way."""
    added, assets = add_company_with_images(db or database(), storage(), company, list(images or []))
    return AddedCompany(company=added, brand_images=assets)


def ensure_company(url: str, uvp: str, name: str, slug: str, *, db: Database | None = None) -> Company:
    """The company with this slug, its URL brought up to date; added when missing (the demo's
    sample company: same partition every time, so a second demo replaces rather than duplicates)."""
    with (db or database()).transaction() as conn:
        try:
            company = company_rows.get_company(conn, slug)
        except UnknownCompany:
            return company_rows.insert_company(conn, CompanyIn(url=url, uvp=uvp, name=name))
        company_rows.update_url(conn, company.id, url)
        return company


def archive_company(key: str, *, db: Database | None = None) -> Company:
    with (db or database()).transaction() as conn:
        company = company_rows.get_company(conn, key)
        company_rows.archive_company(conn, company.id)
    return company


def set_budget(key: str, budget_usd: float, *, db: Database | None = None) -> CompanyBudget:
    """Raise (or lower) a company's budget (0 = no limit); a stage stopped by it continues on its next run."""
    if budget_usd < 0:
        raise ValueError("the budget must be >= 0 (0 = no limit)")
    with (db or database()).transaction() as conn:
        company = company_rows.get_company(conn, key)
        budget_rows.set_budget(conn, company.id, budget_usd)
    return CompanyBudget(company=company, budget_usd=budget_usd or None)


def list_companies(*, db: Database | None = None) -> list[CompanyListing]:
    """Every company with its stage counts, spend and effective budget (the `companies` command)."""
    with (db or database()).transaction() as conn:
        rows = company_rows.list_with_status(conn)
    default = settings().company_budget_usd or None
    return [CompanyListing(**{**r.model_dump(), "budget_usd": budget_rows.effective_budget(r.budget_usd, default)})
            for r in rows]



def brand_images(key: str, *, db: Database | None = None) -> list[BrandAsset]:
    """The company's kept brand images (product photos, logo), as `brand-images list` shows them."""
    with (db or database()).transaction() as conn:
        return load_brand_assets(conn, company_rows.get_company(conn, key).id)


def brand_kit(key: str, *, db: Database | None = None) -> BrandKit | None:
    """The company's brand kit (None before the site was read or anything was set)."""
    with (db or database()).transaction() as conn:
        return load_brand_kit(conn, company_rows.get_company(conn, key).id)
