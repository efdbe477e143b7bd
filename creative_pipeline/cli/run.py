"""`run COMPANY [--through STAGE]`: materialize a company's chain in-process, stage by stage
(the runs are `services.run_company`'s; this module only asks and prints)."""

from __future__ import annotations

import argparse

from creative_pipeline.cli.runtime import database, fail, progress, settings
from creative_pipeline.resources.supabase.repositories.companies import UnknownCompany, get_company
from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.services.summary import print_summary


def run(args: argparse.Namespace) -> int:
    with database().transaction() as conn:
        try:
            company = get_company(conn, args.company)
        except UnknownCompany as exc:
            fail(str(exc))
    try:
        stages = stage_names(args.through)
    except ValueError as exc:
        fail(str(exc))
    provider = "gemini" if settings().gemini_api_key else "offline (no GEMINI_API_KEY: deterministic, not AI output)"
    progress(f"running {len(stages)} stage(s) for {company.slug} — provider: {provider}")

    def show(i: int, n: int, stage: str, seconds: float, ok: bool) -> None:
        progress(f"  [{i}/{n}] {stage:<18} {'ok' if ok else 'FAILED'}  {seconds:5.1f} s")

    results = run_chain(company.slug, stages, on_stage=show)
    if not all(ok for _, _, ok in results):
        failed = results[-1][0]
        progress(f"stage {failed} failed: see the run in the Dagster UI (make dev) for its logs")
        return 1
    print_summary(company.slug)
    return 0
