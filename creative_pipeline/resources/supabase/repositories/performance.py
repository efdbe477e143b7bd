"""SQL for performance imports and rows: a COPY into a temp table, then one set-based upsert.

Idempotency: the key is (platform, ad_name, date_start, date_end); duplicate keys inside one
file are summed first (breakdown exports split one ad-day into several lines). Periods of one
ad never overlap: a new row replaces any stored row of the same ad whose period overlaps but
differs (a weekly export after daily ones, or the reverse) — the latest import wins, so totals
are never double counted.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any
from uuid import UUID

import pandas as pd
import psycopg
from psycopg.types.json import Jsonb

_COLUMNS = ["platform", "ad_name", "date_start", "date_end", "creative_name", "company_id", "script_id",
            "persona", "impressions", "clicks", "spend", "currency", "conversions", "revenue"]


def create_import(conn: psycopg.Connection, platform: str, source: str, file_name: str, file_sha256: str | None,
                  storage_path: str | None = None, user_id: UUID | None = None) -> UUID:
    return conn.execute(
        "insert into performance_imports (platform, source, file_name, file_sha256, storage_path, user_id, status) "
        "values (%s, %s, %s, %s, %s, %s, 'processing') returning id",
        (platform, source, file_name, file_sha256, storage_path, user_id),
    ).fetchone()["id"]


def claim_import(conn: psycopg.Connection, import_id: UUID) -> dict[str, Any] | None:
    """Move a pending import to processing (once): the sensor and a re-run cannot both take it."""
    return conn.execute(
        "update performance_imports set status = 'processing' where id = %s and status in ('pending', 'failed') "
        "returning *", (import_id,),
    ).fetchone()


def finish_import(conn: psycopg.Connection, import_id: UUID, report: dict[str, Any], error: str | None = None) -> None:
    conn.execute(
        "update performance_imports set status = %s, report = %s, error = %s, finished_at = now() where id = %s",
        ("failed" if error else "done", Jsonb(report), error, import_id),
    )


def pending_imports(conn: psycopg.Connection, limit: int = 20) -> list[dict[str, Any]]:
    return conn.execute(
        "select id, platform, file_name, storage_path, created_at from performance_imports "
        "where status = 'pending' and source = 'storage' order by created_at, id limit %s", (limit,),
    ).fetchall()


def known_creatives(conn: psycopg.Connection, names: list[str]) -> dict[str, tuple[str, str, str]]:
    """canonical creative name -> (company id, script id, persona archetype)."""
    rows = conn.execute(
        "select a.creative_name, a.company_id::text as company_id, a.script_id::text as script_id, p.archetype "
        "from assets a join scripts s on s.id = a.script_id join personas p on p.id = s.persona_id "
        "where a.kind = 'image_brief' and a.creative_name = any(%s)", (names,),
    )
    return {r["creative_name"]: (r["company_id"], r["script_id"], r["archetype"]) for r in rows}


def upsert_rows(conn: psycopg.Connection, rows: pd.DataFrame, import_id: UUID) -> dict[str, int]:
    conn.execute(
        "create temp table incoming (platform text, ad_name text, date_start date, date_end date, creative_name text, "
        "company_id uuid, script_id uuid, persona text, impressions bigint, clicks bigint, spend numeric, currency text, "
        "conversions numeric, revenue numeric) on commit drop"
    )
    buffer = io.StringIO()
    rows[_COLUMNS].to_csv(buffer, index=False, header=False, na_rep="\\N", date_format="%Y-%m-%d")
    with conn.cursor().copy("copy incoming from stdin with (format csv, null '\\N')") as copy:
        copy.write(buffer.getvalue())
    conn.execute(
        "create temp table merged on commit drop as select platform, ad_name, date_start, date_end, "
        "max(creative_name) as creative_name, max(company_id::text)::uuid as company_id, "
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
        "insert into performance_data (import_id, platform, ad_name, date_start, date_end, creative_name, company_id, "
        "script_id, persona, impressions, clicks, spend, currency, conversions, revenue) "
        "select %s, platform, ad_name, date_start, date_end, creative_name, company_id, script_id, persona, impressions, "
        "clicks, spend, currency, conversions, revenue from merged "
        "on conflict (platform, ad_name, date_start, date_end) do update set import_id = excluded.import_id, "
        "creative_name = excluded.creative_name, company_id = excluded.company_id, script_id = excluded.script_id, "
        "persona = excluded.persona, "
        "impressions = excluded.impressions, clicks = excluded.clicks, spend = excluded.spend, "
        "currency = excluded.currency, conversions = excluded.conversions, revenue = excluded.revenue, "
        "updated_at = now() returning (xmax = 0) as inserted",
        (import_id,),
    ).fetchall()
    inserted = sum(1 for r in result if r["inserted"])
    return {"upserted": len(result), "inserted": inserted, "updated": len(result) - inserted,
            "replaced_overlapping": replaced}


def latest_matched_day(conn: psycopg.Connection) -> date | None:
    return conn.execute("select max(date_start) as d from performance_data where creative_name is not null").fetchone()["d"]


def load_performance(conn: psycopg.Connection, period_start: date, period_end: date) -> pd.DataFrame:
    """Matched rows of a period, in the shape `performance.insights` computes over."""
    cur = conn.execute(
        "select p.creative_name, c.slug as company_slug, coalesce(p.persona, '') as persona, p.date_start, "
        "p.date_end, p.impressions, p.clicks, p.spend::float8 as spend, p.conversions::float8 as conversions, "
        "p.revenue::float8 as revenue from performance_data p join companies c on c.id = p.company_id "
        "where p.creative_name is not null and p.date_start between %s and %s",
        (period_start, period_end),
    )
    return pd.DataFrame(cur.fetchall(), columns=[d.name for d in cur.description])


def replace_insights(conn: psycopg.Connection, period_start: date, period_end: date, rows: list[dict[str, Any]]) -> None:
    """One period's insights replace that period's previous ones (a re-run never duplicates)."""
    conn.execute("delete from insights where period_start = %s and period_end = %s and company_id is null",
                 (period_start, period_end))
    with conn.cursor() as cur:
        cur.executemany(
            "insert into insights (period_start, period_end, type, dimension, key, value, confidence, data) "
            "values (%s, %s, %s, %s, %s, %s, %s, %s)",
            [(period_start, period_end, r["type"], r["dimension"], r["key"], r["value"], r["confidence"],
              Jsonb(r["data"])) for r in rows],
        )


def latest_effectiveness(conn: psycopg.Connection) -> list[dict[str, Any]]:
    """The newest period's effectiveness insights (for the performance prior)."""
    return conn.execute(
        "select dimension, key, value, confidence, data from insights where type = 'effectiveness' "
        "and period_end = (select max(period_end) from insights where type = 'effectiveness')"
    ).fetchall()


def latest_insights(conn: psycopg.Connection) -> list[dict[str, Any]]:
    """Every insight of the newest period, grouped by type and dimension, strongest first."""
    return conn.execute(
        "select type, dimension, key, value, confidence, period_start, period_end from insights "
        "where period_end = (select max(period_end) from insights) order by type, dimension, value desc"
    ).fetchall()


def top_performers(conn: psycopg.Connection, limit: int = 5) -> list[dict[str, Any]]:
    """The newest period's top performers, by lift weighted with its confidence."""
    return conn.execute(
        "select dimension, key, value, confidence from insights where type = 'top_performer' "
        "and period_end = (select max(period_end) from insights) order by confidence * value desc limit %s",
        (limit,),
    ).fetchall()
