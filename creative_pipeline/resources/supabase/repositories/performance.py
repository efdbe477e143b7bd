"""SQL for performance imports and rows (`performance_data`, owned by the asset of that name): a COPY into a temp table, then one set-based upsert.

Idempotency: the key is (platform, ad_name, date_start, date_end); duplicate keys inside one
file are summed first (breakdown exports split one ad-day into several lines). Periods of one
ad never overlap: a new row replaces any stored row of the same ad whose period overlaps but
differs (a weekly export after daily ones, or the reverse) — the latest import wins, so totals
are never double counted.
"""

from __future__ import annotations

import io
from typing import Any
from uuid import UUID

import pandas as pd
import psycopg
from psycopg.types.json import Jsonb
from pydantic import BaseModel

from creative_pipeline.domain.performance import PerformanceImportRow
from creative_pipeline.performance.models import ImportReport

_COLUMNS = ["platform", "ad_name", "date_start", "date_end", "creative_name", "variant", "company_id", "script_id",
            "persona", "impressions", "clicks", "spend", "currency", "conversions", "revenue"]


class UpsertCounts(BaseModel):
    """What one upsert wrote: rows inserted or updated, and stored rows replaced because their
    period overlapped a new row's (a weekly export after daily ones, or the reverse)."""

    upserted: int
    inserted: int
    updated: int
    replaced_overlapping: int


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


def known_creatives(conn: psycopg.Connection, names: list[str]) -> dict[str, tuple[str, str, str]]:
    """canonical creative name -> (company id, script id, persona archetype)."""
    rows = conn.execute(
        "select a.creative_name, a.company_id::text as company_id, a.script_id::text as script_id, p.archetype "
        "from assets a join scripts s on s.id = a.script_id join personas p on p.id = s.persona_id "
        "where a.kind = 'image_brief' and a.creative_name = any(%s)", (names,),
    )
    return {r["creative_name"]: (r["company_id"], r["script_id"], r["archetype"]) for r in rows}


def upsert_rows(conn: psycopg.Connection, rows: pd.DataFrame, import_id: UUID) -> UpsertCounts:
    conn.execute(
        "create temp table incoming (platform text, ad_name text, date_start date, date_end date, creative_name text, "
        "variant smallint, company_id uuid, script_id uuid, persona text, impressions bigint, clicks bigint, spend numeric, currency text, "
        "conversions numeric, revenue numeric) on commit drop"
    )
    buffer = io.StringIO()
    # nullable integers: a float column would write "2.0", which smallint refuses
    rows = rows.assign(variant=pd.to_numeric(rows["variant"], errors="coerce").astype("Int64") if "variant" in rows else None)
    rows[_COLUMNS].to_csv(buffer, index=False, header=False, na_rep="\\N", date_format="%Y-%m-%d")
    with conn.cursor().copy("copy incoming from stdin with (format csv, null '\\N')") as copy:
        copy.write(buffer.getvalue())
    conn.execute(
        "create temp table merged on commit drop as select platform, ad_name, date_start, date_end, "
        "max(creative_name) as creative_name, max(variant) as variant, max(company_id::text)::uuid as company_id, "
        "max(script_id::text)::uuid as script_id, max(persona) as persona, sum(impressions) as impressions, sum(clicks) as clicks, "
        "sum(spend) as spend, max(currency) as currency, sum(conversions) as conversions, sum(revenue) as revenue "
        "from incoming group by 1, 2, 3, 4"
    )
    replaced = conn.execute(
        "delete from performance_data p using merged m where p.platform = m.platform and p.ad_name = m.ad_name "
        "and daterange(p.date_start, p.date_end, '[]') && daterange(m.date_start, m.date_end, '[]') "
        "and (p.date_start, p.date_end) <> (m.date_start, m.date_end)"
    ).rowcount
    result = conn.execute(
        "insert into performance_data (import_id, platform, ad_name, date_start, date_end, creative_name, variant, company_id, "
        "script_id, persona, impressions, clicks, spend, currency, conversions, revenue) "
        "select %s, platform, ad_name, date_start, date_end, creative_name, variant, company_id, script_id, persona, impressions, "
        "clicks, spend, currency, conversions, revenue from merged "
        "on conflict (platform, ad_name, date_start, date_end) do update set import_id = excluded.import_id, "
        "creative_name = excluded.creative_name, variant = excluded.variant, company_id = excluded.company_id, script_id = excluded.script_id, "
        "persona = excluded.persona, "
        "impressions = excluded.impressions, clicks = excluded.clicks, spend = excluded.spend, "
        "currency = excluded.currency, conversions = excluded.conversions, revenue = excluded.revenue, "
        "updated_at = now() returning (xmax = 0) as inserted",
        (import_id,),
    ).fetchall()
    inserted = sum(1 for r in result if r["inserted"])
    return UpsertCounts(upserted=len(result), inserted=inserted, updated=len(result) - inserted,
                        replaced_overlapping=replaced)
