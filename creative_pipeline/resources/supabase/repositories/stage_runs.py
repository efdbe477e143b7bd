"""SQL for `stage_runs`: each company stage's attempts, opened at step start and closed at its end.

The spend of an attempt is read from the ledger (`api_usage` rows of that company and step since the
attempt started), so it is what was booked, not an estimate."""

from __future__ import annotations

from uuid import UUID

import psycopg

from creative_pipeline.domain.stage_run import StageRun, StageStatus

MAX_ERROR = 2000


def start_stage(conn: psycopg.Connection, partition_key: str, stage: str, run_id: str) -> UUID | None:
    """Open an attempt for the company of `partition_key`; None when there is no such company
    (the stage itself then fails with the fix). An older attempt of the same stage still marked
    running is closed as failed: one company's stages never run twice at once (the company lock),
    so its run ended without closing it — e.g. a CLI process killed, which no sensor hears of."""
    conn.execute(
        "update stage_runs s set status = 'failed', finished_at = clock_timestamp(), "
        "error = 'its run (' || s.run_id || ') ended before this stage finished; superseded by run ' || %s "
        "from companies c where c.id = s.company_id and c.slug = %s and s.stage = %s and s.status = 'running'",
        (run_id, partition_key, stage),
    )
    row = conn.execute(
        "insert into stage_runs (company_id, stage, status, run_id) "
        "select id, %s, 'running', %s from companies where slug = %s returning id",
        (stage, run_id, partition_key),
    ).fetchone()
    return None if row is None else row["id"]


def finish_stage(conn: psycopg.Connection, attempt_id: UUID, status: StageStatus, error: str | None) -> StageRun:
    """Close an attempt with its outcome and the ledger's spend for it."""
    return StageRun.model_validate(conn.execute(
        "update stage_runs s set status = %s, error = %s, finished_at = clock_timestamp(), "
        "spend_usd = (select coalesce(sum(u.cost_usd), 0) from api_usage u where u.company_id = s.company_id "
        "and u.step = s.stage and u.created_at >= s.started_at) where s.id = %s returning *",
        (status, None if error is None else error[:MAX_ERROR], attempt_id),
    ).fetchone())


def close_run_attempts(conn: psycopg.Connection, run_id: str, error: str) -> list[StageRun]:
    """Fail every attempt of `run_id` still marked running: its run ended without the step closing
    it (a killed run worker, a cancelled run). Closed attempts are left as they are."""
    rows = conn.execute(
        "update stage_runs s set status = 'failed', error = %s, finished_at = clock_timestamp(), "
        "spend_usd = (select coalesce(sum(u.cost_usd), 0) from api_usage u where u.company_id = s.company_id "
        "and u.step = s.stage and u.created_at >= s.started_at) "
        "where s.run_id = %s and s.status = 'running' returning *",
        (error[:MAX_ERROR], run_id),
    ).fetchall()
    return [StageRun.model_validate(r) for r in rows]


def latest_stage_runs(conn: psycopg.Connection, company_id: UUID) -> dict[str, StageRun]:
    """stage -> its latest attempt for the company."""
    rows = conn.execute(
        "select distinct on (stage) * from stage_runs where company_id = %s order by stage, started_at desc, id desc",
        (company_id,),
    ).fetchall()
    return {r["stage"]: StageRun.model_validate(r) for r in rows}


def latest_stage_runs_by_company(conn: psycopg.Connection) -> dict[str, dict[str, StageRun]]:
    """company slug -> stage -> latest attempt, for every company the connection may see."""
    rows = conn.execute(
        "select distinct on (s.company_id, s.stage) c.slug, s.* from stage_runs s join companies c on c.id = s.company_id "
        "order by s.company_id, s.stage, s.started_at desc, s.id desc"
    ).fetchall()
    out: dict[str, dict[str, StageRun]] = {}
    for r in rows:
        out.setdefault(r["slug"], {})[r["stage"]] = StageRun.model_validate(r)
    return out
