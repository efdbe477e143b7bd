"""SQL for `performance_imports` rows: an upload recorded, claimed, finished, listed.

The rows of an import (`performance_data`) are written by `performance_import.py`.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

from creative_pipeline.domain.performance import PerformanceImportRow
from creative_pipeline.performance.models import ImportReport


def create_import(conn: psycopg.Connection, platform: str, source: str, file_name: str, file_sha256: str | None,
                  storage_path: str | None = None, user_id: UUID | None = None, status: str = "processing") -> UUID:
    """`processing` for an import done right away; `pending` for one an asset run will claim."""
    return conn.execute(
        "insert into performance_imports (platform, source, file_name, file_sha256, storage_path, user_id, status) "
        "values (%s, %s, %s, %s, %s, %s, %s) returning id",
        (platform, source, file_name, file_sha256, storage_path, user_id, status),
    ).fetchone()["id"]


def claim_import(conn: psycopg.Connection, import_id: UUID) -> PerformanceImportRow | None:
    """Move a pending import to processing (once): the sensor and a re-run cannot both take it."""
    row = conn.execute(
        "update performance_imports set status = 'processing' where id = %s and status in ('pending', 'failed') "
        "returning id, platform, file_name, storage_path, status, created_at", (import_id,),
    ).fetchone()
    return PerformanceImportRow.model_validate(row) if row else None


def get_import(conn: psycopg.Connection, import_id: UUID) -> PerformanceImportRow | None:
    row = conn.execute("select id, platform, file_name, storage_path, status, created_at from performance_imports "
                       "where id = %s", (import_id,)).fetchone()
    return PerformanceImportRow.model_validate(row) if row else None


def import_report(conn: psycopg.Connection, import_id: UUID) -> ImportReport | None:
    """The stored report of one import (None while it has none; its `parse` notes are not read)."""
    row = conn.execute("select report from performance_imports where id = %s", (import_id,)).fetchone()
    return ImportReport.model_validate(row["report"]) if row and row["report"] else None


def finish_import(conn: psycopg.Connection, import_id: UUID, report: dict[str, Any], error: str | None = None) -> None:
    conn.execute(
        "update performance_imports set status = %s, report = %s, error = %s, finished_at = now() where id = %s",
        ("failed" if error else "done", Jsonb(report), error, import_id),
    )


def pending_imports(conn: psycopg.Connection, limit: int = 20) -> list[PerformanceImportRow]:
    """Uploads to Storage still waiting for their import (what the uploads sensor launches)."""
    rows = conn.execute(
        "select id, platform, file_name, storage_path, status, created_at from performance_imports "
        "where status = 'pending' and source = 'storage' order by created_at, id limit %s", (limit,),
    ).fetchall()
    return [PerformanceImportRow.model_validate(r) for r in rows]
