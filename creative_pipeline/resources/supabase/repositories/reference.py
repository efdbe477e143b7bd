"""Shared reference data: the few-shot viral examples the viral-likeness score compares against."""

from __future__ import annotations

import psycopg

from creative_pipeline.resources.gemini.content import ViralExample


def viral_examples(conn: psycopg.Connection, limit: int = 6) -> list[ViralExample]:
    rows = conn.execute(
        "select platform, hook, body, why_it_worked from viral_examples order by created_at, hook limit %s", (limit,)
    )
    return [ViralExample.model_validate(r) for r in rows]

