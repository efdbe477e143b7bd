"""SQL the studio needs that no stage has: a company's whole review history, the reviewer's user id
on a review, the recent performance imports with their reports, and whether a period's results came
from a synthetic export."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

import psycopg
from pydantic import BaseModel

from creative_pipeline.domain.review import Review

SYNTHETIC_MARK = "SYNTHETIC"  # the demo names its made-up export *_SYNTHETIC.csv (demo/feedback_loop.py)
SYNTHETIC_SOURCE = "demo"  # ... and records it with source 'demo'


class ImportSummary(BaseModel):
    id: UUID
    platform: str
    source: str
    file_name: str
    status: str
    report: dict[str, Any]
    error: str | None = None
    created_at: datetime
    finished_at: datetime | None = None

    @property
    def synthetic(self) -> bool:
        return self.source == SYNTHETIC_SOURCE or SYNTHETIC_MARK in self.file_name.upper()


def review_history(conn: psycopg.Connection, company_id: UUID) -> list[Review]:
    """Every review of the company, newest first (reviews are never deleted)."""
    rows = conn.execute("select * from creative_reviews where company_id = %s order by created_at desc, id desc",
                        (company_id,)).fetchall()
    return [Review.model_validate(r) for r in rows]


def recent_imports(conn: psycopg.Connection, limit: int = 20) -> list[ImportSummary]:
    rows = conn.execute(
        "select id, platform, source, file_name, status, report, error, created_at, finished_at "
        "from performance_imports order by created_at desc limit %s", (limit,)).fetchall()
    return [ImportSummary.model_validate(r) for r in rows]


def period_is_synthetic(conn: psycopg.Connection, start: date, end: date) -> bool:
    """True when any result of the period came from the demo's import (or one named as synthetic)."""
    row = conn.execute(
        "select exists (select 1 from performance_data d join performance_imports i on i.id = d.import_id "
        "where d.date_start between %s and %s and (i.source = %s or upper(i.file_name) like %s)) as synthetic",
        (start, end, SYNTHETIC_SOURCE, f"%{SYNTHETIC_MARK}%"),
    ).fetchone()
    return bool(row["synthetic"])


def set_reviewer(conn: psycopg.Connection, review_id: UUID, user_id: UUID) -> Review:
    """Stamp the signed-in reviewer's id on a review just recorded for them."""
    return Review.model_validate(conn.execute(
        "update creative_reviews set reviewer = %s where id = %s returning *", (user_id, review_id)).fetchone())
