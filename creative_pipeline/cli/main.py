"""The `creative-pipeline` command."""

from __future__ import annotations

import argparse
import logging
import sys
import warnings
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    from creative_pipeline.cli import companies, db, run, show

    parser = argparse.ArgumentParser(prog="creative-pipeline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("add-company", help="insert a companies row; prints its partition key")
    p.add_argument("--url", required=True)
    p.add_argument("--uvp", required=True, help="the unique value proposition")
    p.add_argument("--name")
    p.add_argument("--user-id", help="owner (auth.users id) for row-level security")
    p.add_argument("--budget-usd", type=float, help="spend limit in USD (default COMPANY_BUDGET_USD; 0 = no limit)")
    p.add_argument("--image", action="append", type=Path, default=[],
                   help="a product photo of your own (JPEG/PNG/WebP, at most 10 MB); repeat; one bad file adds nothing")
    p.set_defaults(func=companies.add_company)

    p = sub.add_parser("archive-company", help="archive a company (never deleted: reviews and costs are kept)")
    p.add_argument("company", help="partition key (slug) or id")
    p.set_defaults(func=companies.archive)

    p = sub.add_parser("set-budget", help="set a company's budget in USD (0 = no limit); re-runs continue")
    p.add_argument("company", help="partition key (slug) or id")
    p.add_argument("budget_usd", type=float)
    p.set_defaults(func=companies.set_company_budget)

    p = sub.add_parser("companies", help="list companies, partition keys and stage status")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=companies.list_companies)

    p = sub.add_parser("db", help="database commands")
    dbsub = p.add_subparsers(dest="db_command", required=True)
    m = dbsub.add_parser("migrate", help="apply supabase/migrations (+ local bootstrap on plain PostgreSQL)")
    m.add_argument("--no-seed", action="store_true")
    m.set_defaults(func=db.migrate)

    p = sub.add_parser("run", help="materialize a company's chain in-process, with progress")
    p.add_argument("company", help="partition key (slug) or id")
    p.add_argument("--through", help="stop after this stage")
    p.add_argument("--verbose", "-v", action="store_true", help="show Dagster's log lines and a failed stage's stack trace")
    p.set_defaults(func=run.run)

    p = sub.add_parser("show", help="a company's context, personas, scripts, winners, briefs")
    p.add_argument("company")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=show.show)

    from creative_pipeline.cli.extensions import register_extensions

    register_extensions(sub)
    return parser


def quiet_dagster(record: logging.LogRecord) -> bool:
    """Dagster's own warnings (e.g. "No dagster instance configuration file") stay off the progress lines."""
    return not (record.name.split(".")[0] == "dagster" and record.levelno < logging.ERROR)


UNKNOWN_COMPANY_FIX = ("`creative-pipeline companies` lists the partition keys; "
                       "`creative-pipeline add-company --url URL --uvp TEXT` adds a company")


def main(argv: list[str] | None = None) -> int:
    """Parse, call the command, and say a refusal in one line. Dagster's own Python log lines
    (instance warnings) go nowhere near the progress lines: only errors pass, and `--verbose`
    (on `run`) shows a run's whole log."""
    from creative_pipeline.cli.runtime import fail
    from creative_pipeline.services.companies import UnknownCompany

    warnings.filterwarnings("ignore")
    logging.basicConfig(level=logging.WARNING)
    args = build_parser().parse_args(argv)
    if not getattr(args, "verbose", False):
        # on the terminal's handler, not the logger: Dagster sets its own loggers back to DEBUG
        # (`get_dagster_logger`, dagster/_utils/log.py); the runs' events still reach their logs
        for handler in logging.getLogger().handlers:
            handler.addFilter(quiet_dagster)
    try:
        return int(args.func(args) or 0)
    except UnknownCompany as exc:
        fail(f"{exc}; {UNKNOWN_COMPANY_FIX}")


if __name__ == "__main__":
    sys.exit(main())
