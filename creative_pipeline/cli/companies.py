"""`add-company`, `archive-company`, `companies` and `set-budget` (use-cases: services/companies.py)."""

from __future__ import annotations

import argparse
import json
import sys
from uuid import UUID

from pydantic import ValidationError

from creative_pipeline.cli.runtime import fail
from creative_pipeline.domain.company import CompanyIn
from creative_pipeline.services import companies
from creative_pipeline.services.companies import BrandInputRefused, CompanyListing, UnknownUser

STAGES = ["personas", "scripts", "scores", "winners", "briefs", "images", "videos"]


def add_company(args: argparse.Namespace) -> int:
    try:
        user_id = UUID(args.user_id) if args.user_id else None
    except ValueError:
        fail(f"--user-id {args.user_id!r} is not a UUID")
    try:
        company_in = CompanyIn(url=args.url, uvp=args.uvp, name=args.name, user_id=user_id, budget_usd=args.budget_usd)
    except ValidationError as exc:
        fail("; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors()))
    try:
        added = companies.add_company(company_in, args.image)
    except (UnknownUser, BrandInputRefused) as exc:
        fail(f"{exc} — nothing was written" if isinstance(exc, BrandInputRefused) else str(exc))
    company = added.company
    if added.brand_images:
        print(f"{company.slug}: {len(added.brand_images)} brand image(s) kept", file=sys.stderr)
    print(company.slug)
    return 0


def archive(args: argparse.Namespace) -> int:
    """Companies are archived, never deleted: reviews and the cost ledger stay; sensors skip it."""
    company = companies.archive_company(args.company)  # an unknown key: cli.main says so, with the fix
    print(f"{company.slug}: archived (its reviews and cost ledger are kept; no sensor will launch it)")
    return 0


def set_company_budget(args: argparse.Namespace) -> int:
    """Raise (or lower) a company's budget; a stage stopped by it continues on its next run."""
    try:
        result = companies.set_budget(args.company, args.budget_usd)
    except ValueError as exc:
        fail(str(exc))
    print(f"{result.company.slug}: budget {'no limit' if result.budget_usd is None else f'${result.budget_usd:.2f}'}")
    return 0


def _money(row: CompanyListing) -> str:
    return f"${row.spent_usd:.2f} / {'no limit' if row.budget_usd is None else f'${row.budget_usd:.2f}'}"


def list_companies(args: argparse.Namespace) -> int:
    rows = companies.list_companies()
    if args.json:
        print(json.dumps([r.model_dump(mode="json") for r in rows], indent=2))
        return 0
    if not rows:
        print("no companies yet: creative-pipeline add-company --url URL --uvp TEXT")
        return 0
    print(f"{'partition key':<28} {'context':<8} " + " ".join(f"{s:>8}" for s in STAGES)
          + f"  {'spent / budget':<22} url")
    for r in rows:
        counts = (r.personas, r.scripts, r.scores, r.winners, r.briefs, r.images, r.videos)  # in STAGES order
        print(f"{r.partition_key:<28} {'yes' if r.has_context else '-':<8} "
              + " ".join(f"{n:>8}" for n in counts) + f"  {_money(r):<22} {r.url}")
    return 0
