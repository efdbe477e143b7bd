"""`import-performance FILE` and `insights`: the feedback loop from the command line (use-cases:
services/performance.py runs them, services/insights.py reads the results)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from creative_pipeline.cli.runtime import fail, progress
from creative_pipeline.domain.performance import INSIGHTS_PERIOD_DAYS
from creative_pipeline.services.insights import latest_insights
from creative_pipeline.services.performance import import_export, refresh_insights


def import_performance(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        fail(f"no such file: {path}")
    progress(f"importing {path.name} ({path.stat().st_size:,} bytes, platform={args.platform}) ...")
    report = import_export(path.read_bytes(), path.name, args.platform, launched_by="cli")
    if args.json:
        print(report.model_dump_json(indent=2))
    else:
        print(f"import {report.import_id}: {report.status} ({report.platform})")
        print(f"  rows read {report.rows_read}, imported {report.imported} "
              f"(new {report.inserted}, updated {report.updated}, replaced overlapping {report.replaced_overlapping})")
        print(f"  matched {report.matched_rows}, unmatched {report.unmatched_rows}, rejected {report.rejected_rows}, "
              f"summary rows skipped {report.skipped_summary_rows}")
        for name in report.unmatched_ad_names[:10]:
            print(f"  unmatched ad name: {name}")
        for rejected in report.rejected[:10]:
            print(f"  rejected line {rejected['source_row']}: {rejected['reason']}")
        if report.error:
            print(f"  error: {report.error}")
    return 0 if report.status == "done" else 2


def run_insights(end_date: str = "", period_days: int = INSIGHTS_PERIOD_DAYS, instance=None,
                 resources: dict | None = None) -> bool:
    """One day's `performance_insights` partition, now (the CLI does not wait for 02:00)."""
    try:
        outcome = refresh_insights(date.fromisoformat(end_date) if end_date else None, period_days,
                                   instance=instance, resources=resources, launched_by="cli")
    except ValueError as exc:
        fail(str(exc))
    if outcome.note:
        progress(f"  {outcome.note}")
    progress(f"  performance_insights partition {outcome.day} (run {outcome.run_id[:8]}, job performance_insights_daily)")
    if outcome.error:
        progress(f"performance_insights failed: {outcome.error}")
    return outcome.success


def insights(args: argparse.Namespace) -> int:
    progress("computing performance insights ...")
    if not run_insights(args.end_date or "", args.days):
        fail("performance_insights failed: open the run in the Dagster UI (make dev) for its logs")
    rows = latest_insights()
    if args.json:
        print(json.dumps([r.model_dump(mode="json", exclude={"company_id"}) for r in rows], indent=2))
        return 0
    if rows:
        print(f"insights for {rows[0].period_start} .. {rows[0].period_end}: {len(rows)} rows (all companies)")
    for r in (r for r in rows if r.type in ("top_performer", "cost_efficiency", "summary")):
        print(f"  {r.type:<16} {r.dimension or '':<14} {r.key:<28} {r.value:>10.4f}  conf {r.confidence:.2f}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import-performance", help="import a Meta / Google Ads / TikTok export")
    p.add_argument("file")
    p.add_argument("--platform", choices=["meta", "google_ads", "tiktok", "auto"], default="auto")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=import_performance)
    p = sub.add_parser("insights", help="compute performance insights now and print the headlines")
    p.add_argument("--end-date", help="YYYY-MM-DD: the day partition (default: latest day with data, at most yesterday)")
    p.add_argument("--days", type=int, default=INSIGHTS_PERIOD_DAYS)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=insights)
