"""SQL for the `api_usage` cost ledger."""

from __future__ import annotations

from uuid import UUID

import psycopg
from pydantic import BaseModel

from creative_pipeline.resources.gemini.spend.ledger import CallUsage
from creative_pipeline.resources.supabase.repositories.budget import close_sessions


class UsageLine(BaseModel):
    """What one (step, provider, model) cost a company over every run: calls, tokens and money."""

    step: str
    provider: str
    model: str
    calls: int
    tokens_in: int | None = None
    tokens_out: int | None = None
    cost_usd: float | None = None


def book_calls(conn: psycopg.Connection, company_id: UUID | None, calls: list[CallUsage]) -> None:
    """Insert the calls as they arrive, their sessions left open: while a session is open the budget
    counts the larger of its settled reservations and its rows (`company_spent_usd`), never both."""
    if not calls:
        return
    with conn.cursor() as cur:
        cur.executemany(
            "insert into api_usage (company_id, step, provider, model, kind, tokens_in, tokens_out, latency_ms, "
            "cost_usd, status, error, model_version, note, session_id) "
            "values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            [
                (company_id, c.step, c.provider, c.model, c.kind, c.tokens_in, c.tokens_out, c.latency_ms,
                 c.cost_usd, c.status, c.error, c.model_version, c.note, c.session_id)
                for c in calls
            ],
        )


def write_usage(conn: psycopg.Connection, company_id: UUID | None, calls: list[CallUsage],
                sessions: list[UUID] | None = None) -> None:
    """Insert the calls not booked yet and end their sessions (and `sessions`, whose calls were booked
    as they arrived): in one transaction, so the money moves from reservations to the ledger once."""
    close_sessions(conn, sorted({c.session_id for c in calls if c.session_id} | set(sessions or [])))
    book_calls(conn, company_id, calls)


def usage_summary(conn: psycopg.Connection, company_id: UUID) -> list[UsageLine]:
    """The company's ledger grouped by step, provider and model, in step order."""
    rows = conn.execute(
        "select step, provider, model, count(*) as calls, sum(tokens_in) as tokens_in, sum(tokens_out) as tokens_out, "
        "sum(cost_usd)::float as cost_usd from api_usage where company_id = %s group by 1,2,3 order by 1",
        (company_id,),
    ).fetchall()
    return [UsageLine.model_validate(r) for r in rows]
