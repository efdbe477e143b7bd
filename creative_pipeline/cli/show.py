"""`show COMPANY [--json]`."""

from __future__ import annotations

import argparse
import json

from creative_pipeline.cli.report import company_report
from creative_pipeline.cli.runtime import database, fail
from creative_pipeline.cli.summary import print_summary
from creative_pipeline.resources.supabase.repositories.companies import UnknownCompany


def show(args: argparse.Namespace) -> int:
    try:
        with database().transaction() as conn:
            report = company_report(conn, args.company)
    except UnknownCompany as exc:
        fail(str(exc))
    if args.json:
        print(json.dumps(report, indent=2, default=str))
        return 0
    print_summary(report["company"]["partition_key"])
    for s in report["scripts"]:
        if s["is_winner"]:
            print(f"\n#{s['winner_rank']} {s['headline']}\n   hook: {s['hook']}\n   body: {s['body']}\n   cta: {s['cta']}"
                  f"\n   scores: {s['scores']}")
    for b in report["briefs"]:
        print(f"\n{b['creative_name']}\n   image: {b['image']['headline']} / {b['image']['visual_description'][:100]}"
              f"\n   video: {b['video']['concept'][:120]}")
    return 0
