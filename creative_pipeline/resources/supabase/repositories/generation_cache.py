"""SQL for `generation_cache`: replies already paid for, outside any stage's visible rows."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

from creative_pipeline.resources.gemini.spend.guard import CachedReply


def cached_reply(conn: psycopg.Connection, key: str) -> CachedReply | None:
    """The reply stored under this request hash; `response` stays the provider's JSON (`CachedReply`)."""
    row = conn.execute(
        "select model, response, note, body, cost_usd from generation_cache where key = %s", (key,)
    ).fetchone()
    if row is None:
        return None
    return CachedReply(model=row["model"], response=row["response"], note=row["note"],
                       body=bytes(row["body"]) if row["body"] is not None else None, cost_usd=float(row["cost_usd"]))


def store_reply(
    conn: psycopg.Connection, key: str, *, company_id: UUID | None, step: str, model: str, response: dict[str, Any],
    cost_usd: float, note: str | None = None, body: bytes | None = None,
) -> None:
    """Keep a paid reply; `note` is why a fallback model answered, `body` an image's bytes."""
    conn.execute(
        "insert into generation_cache (key, company_id, step, model, response, cost_usd, note, body) "
        "values (%s,%s,%s,%s,%s,%s,%s,%s) "
        "on conflict (key) do update set model = excluded.model, response = excluded.response, "
        "cost_usd = excluded.cost_usd, note = excluded.note, body = excluded.body, created_at = now()",
        (key, company_id, step, model, Jsonb(response), cost_usd, note, body),
    )


def forget(conn: psycopg.Connection, keys: list[str]) -> None:
    """A stage completed with these replies in its rows: a later run should ask afresh."""
    if keys:
        conn.execute("delete from generation_cache where key = any(%s)", (keys,))


def expire(conn: psycopg.Connection, older_than_hours: float) -> int:
    cur = conn.execute(
        "delete from generation_cache where created_at < now() - make_interval(secs => %s)", (older_than_hours * 3600,)
    )
    return cur.rowcount
