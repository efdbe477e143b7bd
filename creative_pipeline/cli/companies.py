"""`add-company`, `archive-company`, `companies` and `set-budget`."""

from __future__ import annotations

import argparse
import json
import sys
from uuid import UUID

from pydantic import ValidationError

from creative_pipeline.cli.runtime import database, fail, settings
from creative_pipeline.domain.company import CompanyIn
from creative_pipeline.resources.supabase.repositories.budget import effective_budget, set_budget
from creative_pipeline.services.brand_assets import BrandInputRefused, add_company_with_images
from creative_pipeline.services.runtime import storage
from creative_pipeline.resources.supabase.repositories.companies import (
    CompanyStatus,
    UnknownCompany,
    UnknownUser,
    archive_company,
    get_company,
    list_with_status,
)

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
        company, images = add_company_with_images(database(), storage(), company_in, args.image)
    except (UnknownUser, BrandInputRefused) as exc:
        fail(f"{exc} — nothing was written" if isinstance(exc, BrandInputRefused) else str(exc))
    if images:
        print(f"{company.slug}: {len(images)} brand image(s) kept", file=sys.stderr)
    print(company.slug)
    return 0


def archive(args: argparse.Namespace) -> int:
    """Companies are archived, never deleted: reviews and the cost ledger stay; sensors skip it."""
    try:
        with database().transaction() as conn:
            company = get_company(conn, args.company)
            archive_company(conn, company.id)
    except UnknownCompany as exc:
        fail(str(exc))
    print(f"{company.slug}: archived (its reviews and cost ledger are kept; no sensor will launch it)")
    return 0


def set_company_budget(args: argparse.Namespace) -> int:
    """Raise (or lower) a company's budget; a stage stopped by it continues on its next run."""
    if args.budget_usd < 0:
        fail("the budget must be >= 0 (0 = no limit)")
    try:
        with database().transaction() as conn:
            company = get_company(conn, args.company)
            set_budget(conn, company.id, args.budget_usd)
    except UnknownCompany as exc:
        fail(str(exc))
    print(f"{company.slug}: budget {'no limit' if args.budget_usd == 0 else f'${args.budget_usd:.2f}'}")
    return 0


def _money(row: CompanyStatus) -> tuple[float | None, str]:
    """(effective budget, "spent / budget" text) with the deployment default applied."""
    budget = effective_budget(row.budget_usd, settings().company_budget_usd or None)
    limit = "no limit" if budget is None else f"${budget:.2f}"
    return budget, f"${row.spent_usd:.2f} / {limit}"


def list_companies(args: argparse.Namespace) -> int:
    with database().transaction() as conn:
        rows = list_with_status(conn)
    if args.json:
        print(json.dumps(
            [{**r.model_dump(), "budget_usd": _money(r)[0], "created_at": r.created_at.isoformat(),
              "user_id": str(r.user_id) if r.user_id else None}
             for r in rows], indent=2,
        ))
        return 0
    if not rows:
        print("no companies yet: creative-pipeline add-company --url URL --uvp TEXT")
        return 0
    print(f"{'partition key':<28} {'context':<8} " + " ".join(f"{s:>8}" for s in STAGES)
          + f"  {'spent / budget':<22} url")
    for r in rows:
        counts = (r.personas, r.scripts, r.scores, r.winners, r.briefs, r.images, r.videos)  # in STAGES order
        print(f"{r.partition_key:<28} {'yes' if r.has_context else '-':<8} "
              + " ".join(f"{n:>8}" for n in counts) + f"  {_money(r)[1]:<22} {r.url}")
    return 0
