"""`stage_runs` written as observability: a row that cannot be written is reported to the caller,
never raised, because a status table must never be the reason a paid stage fails. The database
driver's errors stay here, below the assets."""

from __future__ import annotations

from uuid import UUID

import psycopg

from creative_pipeline.domain.stage_run import StageStatus
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.stage_runs import finish_stage, start_stage


def open_attempt(db: Database, partition_key: str, stage: str, run_id: str) -> tuple[UUID | None, str | None]:
    """(the attempt's id, None), or (None, why it could not be recorded)."""
    try:
        with db.transaction() as conn:
            return start_stage(conn, partition_key, stage, run_id), None
    except psycopg.Error as exc:
        return None, str(exc)


def close_attempt(db: Database, attempt: UUID, status: StageStatus, error: str | None) -> str | None:
    """None when the outcome is recorded, else why it could not be."""
    try:
        with db.transaction() as conn:
            finish_stage(conn, attempt, status, error)
    except psycopg.Error as exc:
        return str(exc)
    return None
