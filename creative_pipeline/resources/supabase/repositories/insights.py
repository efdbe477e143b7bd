"""SQL for the `insights` table (owned by the `performance_insights` asset) and the reads behind it.

One daily partition of `performance_insights` owns every row whose `period_end` is that day:
the portfolio rows (`company_id` null: across every company) and one set per company that had
matched results in the period (`company_id` set, so RLS shows a user their own companies').
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import pandas as pd
import psycopg
from psycopg.types.json import Jsonb

from creative_pipeline.domain.performance import EffectivenessEvidence, StoredInsight, TopPerformer


def latest_matched_day(conn: psycopg.Connection) -> date | None:
    return conn.execute("select max(date_start) as d from performance_data where creative_name is not null").fetchone()["d"]


def load_performance(conn: psycopg.Connection, period_start: date, period_end: date) -> pd.DataFrame:
    """Matched rows of a period, in the shape `performance.insights` computes over."""
    cur = conn.execute(
        "select p.creative_name, p.variant, p.company_id::text as company_id, c.slug as company_slug, "
        "coalesce(p.persona, '') as persona, p.date_start, "
        "p.date_end, p.impressions, p.clicks, p.spend::float8 as spend, p.conversions::float8 as conversions, "
        "p.revenue::float8 as revenue from performance_data p join companies c on c.id = p.company_id "
        "where p.creative_name is not null and p.date_start between %s and %s",
        (period_start, period_end),
    )
    return pd.DataFrame(cur.fetchall(), columns=[d.name for d in cur.description])


def replace_insights(
    conn: psycopg.Connection, period_start: date, period_end: date, rows: list[dict[str, Any]]
) -> None:
    """The day's insights replace every previous row ending that day (a re-run never duplicates).

    Each row may carry `company_id` (None = the portfolio)."""
    conn.execute("delete from insights where period_end = %s", (period_end,))
    with conn.cursor() as cur:
        cur.executemany(
            "insert into insights (period_start, period_end, company_id, type, dimension, key, value, confidence, data) "
            "values (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [(period_start, period_end, r.get("company_id"), r["type"], r["dimension"], r["key"], r["value"],
              r["confidence"], Jsonb(r["data"])) for r in rows],
        )


def effectiveness_evidence(conn: psycopg.Connection, company_id: UUID | None = None) -> list[EffectivenessEvidence]:
    """The newest period's effectiveness insights for the performance prior: the portfolio's,
    and the company's own when `company_id` is given (portfolio rows first, so the company's win)."""
    rows = conn.execute(
        "select dimension, key, confidence, coalesce((data->>'ctr_lift')::float8, 0) as ctr_lift, company_id, "
        "coalesce((data->>'impressions')::float8, 0) as impressions, "
        "coalesce((data->>'n_creatives')::float8, 0)::int as n_creatives "
        "from insights where type = 'effectiveness' "
        "and period_end = (select max(period_end) from insights where type = 'effectiveness') "
        "and (company_id is null or company_id = %s) order by (company_id is not null), dimension, key",
        (company_id,),
    ).fetchall()
    return [EffectivenessEvidence.model_validate(r) for r in rows]


def latest_insights(conn: psycopg.Connection, company_id: UUID | None = None) -> list[StoredInsight]:
    """Every insight of the newest period (portfolio by default, or one company's), grouped by
    type and dimension, strongest first."""
    rows = conn.execute(
        "select type, dimension, key, value, confidence, period_start, period_end, company_id from insights "
        "where period_end = (select max(period_end) from insights) and company_id is not distinct from %s "
        "order by type, dimension, value desc",
        (company_id,),
    ).fetchall()
    return [StoredInsight.model_validate(r) for r in rows]


def top_performers(conn: psycopg.Connection, limit: int = 5) -> list[TopPerformer]:
    """The newest period's top performers across every company, by lift weighted with its confidence."""
    rows = conn.execute(
        "select dimension, key, value, confidence from insights where type = 'top_performer' and company_id is null "
        "and period_end = (select max(period_end) from insights) order by confidence * value desc limit %s",
        (limit,),
    ).fetchall()
    return [TopPerformer.model_validate(r) for r in rows]
