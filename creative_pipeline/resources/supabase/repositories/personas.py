"""SQL for `personas`: replace a company's set in one statement group, read it back."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

from creative_pipeline.domain.persona import PersonaDraft


def replace_personas(
    conn: psycopg.Connection, company_id: UUID, personas: list[PersonaDraft], provider: str, model: str
) -> list[UUID]:
    """Delete-then-insert inside the caller's transaction (cascades to the scripts built on them)."""
    conn.execute("delete from personas where company_id = %s", (company_id,))
    ids = []
    for position, persona in enumerate(personas, start=1):
        row = conn.execute(
            "insert into personas (company_id, position, name, archetype, data, provider, model) "
            "values (%s, %s, %s, %s, %s, %s, %s) returning id",
            (company_id, position, persona.name, persona.archetype, Jsonb(persona.model_dump()), provider, model),
        ).fetchone()
        ids.append(row["id"])
    return ids


def load_personas(conn: psycopg.Connection, company_id: UUID) -> list[dict[str, Any]]:
    """Rows with `id`, `position`, `provider` and the validated `persona`."""
    rows = conn.execute(
        "select id, position, name, archetype, data, provider, model from personas where company_id = %s order by position",
        (company_id,),
    ).fetchall()
    return [{**r, "persona": PersonaDraft.model_validate(r["data"])} for r in rows]
