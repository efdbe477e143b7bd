"""`estimate COMPANY [--json]`: the ceiling per stage at list prices, before anything is spent."""

from __future__ import annotations

import argparse
import json

from creative_pipeline.services.estimate import estimate as estimate_company


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("estimate", help="the most a company's chain can cost, per stage, at list prices")
    p.add_argument("company", help="partition key (slug) or id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=estimate)


def estimate(args: argparse.Namespace) -> int:
    result = estimate_company(args.company)
    if args.json:
        print(json.dumps(result.model_dump(), indent=2))
        return 0
    print(f"{result.company}: at most ${result.total_usd:.2f} at list prices "
          f"(a ceiling that includes the retry allowance){' — offline provider: $0 today' if result.provider == 'offline' else ''}")
    for name, stage in result.stages.items():
        print(f"  {name:<16} ${stage.usd:>8.4f}  {stage.calls:>3} calls  {stage.model:<32} {stage.basis}")
    budget = "no limit" if result.budget_usd is None else f"${result.budget_usd:.2f}"
    print(f"  spent ${result.spent_usd:.4f} of {budget}"
          + ("" if result.remaining_usd is None else f"; ${result.remaining_usd:.4f} remaining"))
    print(f"  videos: {result.videos_basis}")
    return 0
