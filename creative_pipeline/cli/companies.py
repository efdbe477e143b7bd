"""`add-company`, `archive-company` and `companies`."""

from __future__ import annotations

import argparse
import json
from uuid import UUID

from pydantic import ValidationError

from creative_pipeline.cli.runtime import database, fail
from creative_pipeline.domain.company import CompanyIn
from creative_pipeline.resources.supabase.repositories.companies import (
    UnknownCompany,
    UnknownUser,
    archive_company,
    get_company,
    insert_company,
    list_with_status,
)

STAGES = ["personas", "scripts", "scores", "winners", "briefs", "images", "videos"]


def add_company(args: argparse.Namespace) -> int:
    try:
        user_id = UUID(args.user_id) if args.user_id else None
    except ValueError:
        fail(f"--user-id {args.user_id!r} is not a UUID")
    try:
        company_in = CompanyIn(url=args.url, uvp=args.uvp, name=args.name, user_id=user_id)
    except ValidationError as exc:
        fail("; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors()))
    try:
        with database().transaction() as conn:
            company = insert_company(conn, company_in)
    except UnknownUser as exc:
        fail(str(exc))
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


def list_companies(args: argparse.Namespace) -> int:
    with database().transaction() as conn:
        rows = list_with_status(conn)
    if args.json:
        print(json.dumps(
            [{**r, "created_at": r["created_at"].isoformat(), "user_id": str(r["user_id"]) if r["user_id"] else None}
             for r in rows], indent=2,
        ))
        return 0
    if not rows:
        print("no companies yet: creative-pipeline add-company --url URL --uvp TEXT")
        return 0
    print(f"{'partition key':<28} {'context':<8} " + " ".join(f"{s:>8}" for s in STAGES) + "  url")
    for r in rows:
        print(f"{r['partition_key']:<28} {'yes' if r['has_context'] else '-':<8} "
              + " ".join(f"{r[s]:>8}" for s in STAGES) + f"  {r['url']}")
    return 0
