"""Record a company stage's attempt in `stage_runs` around the step: 'running' at its start, then
'succeeded' or 'failed' with the failure's own description and what the attempt spent.

Done in the step wrapper (assets/support.py) rather than a Dagster hook: hooks only fire at the end
of a step, and live status needs the start. Recording is observability: if the row cannot be
written the stage still runs (and says so in its log), because a status table must never be the
reason a paid stage fails."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from uuid import UUID

from dagster import AssetExecutionContext, Failure

from creative_pipeline.domain.stage_run import StageStatus
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.stage_log import close_attempt, open_attempt


def _failure_text(exc: BaseException) -> str:
    """The failure's own words: a dagster Failure's description, else the exception's message."""
    if isinstance(exc, Failure) and exc.description:
        return exc.description
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


@contextmanager
def recorded_stage(context: AssetExecutionContext, db: Database, stage: str) -> Iterator[None]:
    attempt, problem = open_attempt(db, context.partition_key, stage, context.run_id)
    if problem:
        context.log.warning(f"stage_runs: could not record the start of {stage}: {problem}")
    try:
        yield
    except BaseException as exc:
        _close(context, db, attempt, "failed", _failure_text(exc))
        raise
    _close(context, db, attempt, "succeeded", None)


def _close(context: AssetExecutionContext, db: Database, attempt: UUID | None, status: StageStatus,
           error: str | None) -> None:
    if attempt is None:
        return
    problem = close_attempt(db, attempt, status, error)
    if problem:
        context.log.warning(f"stage_runs: could not record the end of attempt {attempt}: {problem}")
