"""Shared reference data: viral examples and the ABCD dictionary."""

from __future__ import annotations

import psycopg

from creative_pipeline.resources.gemini.content import ViralExample


def viral_examples(conn: psycopg.Connection, limit: int = 6) -> list[ViralExample]:
    rows = conn.execute(
        "select platform, hook, body, why_it_worked from viral_examples order by created_at, hook limit %s", (limit,)
    )
    return [ViralExample.model_validate(r) for r in rows]


def abcd_codes(conn: psycopg.Connection) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in conn.execute("select dimension, code from abcd_dictionary"):
        found.setdefault(row["dimension"], set()).add(row["code"])
    return found
