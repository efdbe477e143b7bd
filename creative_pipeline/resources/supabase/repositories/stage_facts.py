"""Read-only facts about a company's stage outputs, for asset checks and status displays."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg


def _facts(conn: psycopg.Connection, sql: str, company_id: UUID) -> dict[str, Any]:
    """One aggregate row; the SQL names the company as `%(c)s` wherever a sub-select needs it."""
    return conn.execute(sql, {"c": company_id}).fetchone() or {}


def persona_facts(conn: psycopg.Connection, company_id: UUID) -> dict[str, Any]:
    return _facts(
        conn,
        "select count(*) as total, count(distinct lower(name)) as distinct_names from personas where company_id = %(c)s",
        company_id,
    )


def script_facts(conn: psycopg.Connection, company_id: UUID) -> dict[str, Any]:
    return _facts(
        conn,
        "select count(*) as total, count(distinct persona_id) as personas, "
        "count(*) filter (where provider is null or model is null) as missing_provenance, "
        "(select count(*) from script_batches b where b.company_id = %(c)s and b.status = 'failed') as failed_batches "
        "from scripts where company_id = %(c)s",
        company_id,
    )


def score_facts(conn: psycopg.Connection, company_id: UUID) -> dict[str, Any]:
    return _facts(
        conn,
        "select count(*) as total, "
        "count(*) filter (where final < 0 or final > 100 or llm < 0 or llm > 100 or trend < 0 or trend > 100 "
        "or viral < 0 or viral > 100) as out_of_range, "
        "(select count(*) from scripts s where s.company_id = %(c)s) as scripts, "
        "count(*) filter (where trend_status = 'unavailable') as trend_unavailable "
        "from scores where company_id = %(c)s",
        company_id,
    )


def winner_facts(conn: psycopg.Connection, company_id: UUID) -> dict[str, Any]:
    return _facts(
        conn,
        "select count(*) as total, count(distinct winner_rank) as distinct_ranks, min(winner_rank) as min_rank, "
        "max(winner_rank) as max_rank from scripts where company_id = %(c)s and is_winner",
        company_id,
    )


def brief_facts(conn: psycopg.Connection, company_id: UUID) -> dict[str, Any]:
    return _facts(
        conn,
        "select (select count(*) from scripts s where s.company_id = %(c)s and s.is_winner) as winners, "
        "count(distinct script_id) filter (where kind = 'image_brief') as image_briefs, "
        "count(distinct script_id) filter (where kind = 'video_brief') as video_briefs, "
        "count(distinct creative_name) as names from assets "
        "where company_id = %(c)s and kind in ('image_brief', 'video_brief')",
        company_id,
    )
