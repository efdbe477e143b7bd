"""`run COMPANY [--through STAGE] [--verbose]`: a company's chain, stage by stage, with progress
(the use-case is `services.runs.start_company_run`; this module only asks and prints).

A failed stage is said in the project's words — what failed, why, what to do — in two lines; the
stack trace stays in the run's logs (the Dagster UI) and is printed only with --verbose."""

from __future__ import annotations

import argparse

from creative_pipeline.cli.runtime import fail, progress
from creative_pipeline.services.runs import CompanyRun, StageRun, start_company_run
from creative_pipeline.services.summary import print_summary

OFFLINE = "offline (no GEMINI_API_KEY: deterministic, not AI output)"


def report_failure(run: StageRun, verbose: bool, what: str) -> None:
    """Two lines: what failed and why (the failure's own description, which says what to do), and
    where the whole story is. The trace only with --verbose."""
    if verbose and run.trace:
        progress(run.trace.rstrip())
    progress(f"{what} failed: {run.error}")
    progress(f"  the run's logs: Dagster UI (make dev), job {run.job}, run {run.run_id[:8]}"
             + ("" if verbose else "; the stack trace: add --verbose"))


def run(args: argparse.Namespace) -> int:
    def started(company_run: CompanyRun) -> None:
        if company_run.refused:
            return
        provider = "gemini" if company_run.provider == "gemini" else OFFLINE
        progress(f"running {len(company_run.asked)} stage(s) for {company_run.company} — provider: {provider}")

    def show(i: int, n: int, stage: StageRun) -> None:
        progress(f"  [{i}/{n}] {stage.stage:<18} {'ok' if stage.success else 'FAILED'}  {stage.seconds:5.1f} s")

    try:
        result = start_company_run(args.company, args.through, launched_by="cli", on_start=started, on_stage=show,
                                   verbose=args.verbose)
    except ValueError as exc:
        fail(str(exc))
    if result.refused:
        fail(result.plan.refusal())
    if result.failed is not None:
        report_failure(result.failed, args.verbose, f"stage {result.failed.stage}")
        return 1
    print_summary(result.company)
    return 0
