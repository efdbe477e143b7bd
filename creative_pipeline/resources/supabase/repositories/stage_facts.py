"""Read-only facts about a company's stage outputs, for asset checks and status displays.

Each reader returns a model named for the stage it describes; a check holds its fields against
the stage's promise and shows them (`model_dump()`) as the check's metadata."""

from __future__ import annotations

from typing import Any, TypeVar
from uuid import UUID

import psycopg
from pydantic import BaseModel

F = TypeVar("F", bound=BaseModel)


class PersonaFacts(BaseModel):
    total: int
    distinct_names: int


class ScriptFacts(BaseModel):
    total: int
    personas: int
    missing_provenance: int
    failed_batches: int


class ScoreFacts(BaseModel):
    total: int
    out_of_range: int
    scripts: int
    trend_unavailable: int


class WinnerFacts(BaseModel):
    """Ranks are 0 when there are no winners (the check compares them with min(n, 1) and n)."""

    total: int
    distinct_ranks: int
    min_rank: int
    max_rank: int


class BriefFacts(BaseModel):
    winners: int
    image_briefs: int
    video_briefs: int
    names: int


def _facts(conn: psycopg.Connection, sql: str, company_id: UUID, model: type[F]) -> F:
    """One aggregate row (an aggregate always has one); the SQL names the company as `%(c)s`
    wherever a sub-select needs it."""
    row: dict[str, Any] | None = conn.execute(sql, {"c": company_id}).fetchone()
    return model.model_validate(row)


def persona_facts(conn: psycopg.Connection, company_id: UUID) -> PersonaFacts:
    return _facts(
        conn,
        "select count(*) as total, count(distinct lower(name)) as distinct_names from personas where company_id = %(c)s",
        company_id, PersonaFacts,
    )


def script_facts(conn: psycopg.Connection, company_id: UUID) -> ScriptFacts:
    return _facts(
        conn,
        "select count(*) as total, count(distinct persona_id) as personas, "
        "count(*) filter (where provider is null or model is null) as missing_provenance, "
        "(select count(*) from script_batches b where b.company_id = %(c)s and b.status = 'failed') as failed_batches "
        "from scripts where company_id = %(c)s",
        company_id, ScriptFacts,
    )


def score_facts(conn: psycopg.Connection, company_id: UUID) -> ScoreFacts:
    return _facts(
        conn,
        "select count(*) as total, "
        "count(*) filter (where final < 0 or final > 100 or llm < 0 or llm > 100 or trend < 0 or trend > 100 "
        "or viral < 0 or viral > 100) as out_of_range, "
        "(select count(*) from scripts s where s.company_id = %(c)s) as scripts, "
        "count(*) filter (where trend_status = 'unavailable') as trend_unavailable "
        "from scores where company_id = %(c)s",
        company_id, ScoreFacts,
    )


def winner_facts(conn: psycopg.Connection, company_id: UUID) -> WinnerFacts:
    return _facts(
        conn,
        "select count(*) as total, count(distinct winner_rank) as distinct_ranks, "
        "coalesce(min(winner_rank), 0) as min_rank, coalesce(max(winner_rank), 0) as max_rank "
        "from scripts where company_id = %(c)s and is_winner",
        company_id, WinnerFacts,
    )


def brief_facts(conn: psycopg.Connection, company_id: UUID) -> BriefFacts:
    return _facts(
        conn,
        "select (select count(*) from scripts s where s.company_id = %(c)s and s.is_winner) as winners, "
        "count(distinct script_id) filter (where kind = 'image_brief') as image_briefs, "
        "count(distinct script_id) filter (where kind = 'video_brief') as video_briefs, "
        "count(distinct creative_name) as names from assets "
        "where company_id = %(c)s and kind in ('image_brief', 'video_brief')",
        company_id, BriefFacts,
    )
