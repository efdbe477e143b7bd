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

import psycopg
from dagster import AssetExecutionContext, Failure

from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.stage_runs import finish_stage, start_stage


def _failure_text(exc: BaseException) -> str:
    """The failure's own words: a dagster Failure's description, else the exception's message."""
    if isinstance(exc, Failure) and exc.description:
        return exc.description
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


@contextmanager
def recorded_stage(context: AssetExecutionContext, db: Database, stage: str) -> Iterator[None]:
    attempt: UUID | None = None
    try:
        with db.transaction() as conn:
            attempt = start_stage(conn, context.partition_key, stage, context.run_id)
    except psycopg.Error as exc:
        context.log.warning(f"stage_runs: could not record the start of {stage}: {exc}")
    try:
        yield
    except BaseException as exc:
        _close(context, db, attempt, "failed", _failure_text(exc))
        raise
    _close(context, db, attempt, "succeeded", None)


def _close(context: AssetExecutionContext, db: Database, attempt: UUID | None, status: str, error: str | None) -> None:
    if attempt is None:
        return
    try:
        with db.transaction() as conn:
            finish_stage(conn, attempt, status, error)  # type: ignore[arg-type]
    except psycopg.Error as exc:
        context.log.warning(f"stage_runs: could not record the end of attempt {attempt}: {exc}")
