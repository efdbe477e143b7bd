"""SQL for `personas`: replace a company's set in one statement group, read it back."""

from __future__ import annotations

from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

from creative_pipeline.domain.persona import PersonaDraft, StoredPersona
from creative_pipeline.domain.provenance import Provenance


def replace_personas(
    conn: psycopg.Connection, company_id: UUID, personas: list[PersonaDraft], provider: str, made_by: list[Provenance]
) -> list[UUID]:
    """Delete-then-insert inside the caller's transaction (cascades to the scripts built on them).
    `made_by[i]` is the model that produced persona i (and why, when it was a fallback)."""
    conn.execute("delete from personas where company_id = %s", (company_id,))
    ids = []
    for position, (persona, origin) in enumerate(zip(personas, made_by, strict=True), start=1):
        row = conn.execute(
            "insert into personas (company_id, position, name, archetype, data, provider, model, fallback_reason) "
            "values (%s, %s, %s, %s, %s, %s, %s, %s) returning id",
            (company_id, position, persona.name, persona.archetype, Jsonb(persona.model_dump()), provider,
             origin.model, origin.fallback_reason),
        ).fetchone()
        ids.append(row["id"])
    return ids


def load_personas(conn: psycopg.Connection, company_id: UUID) -> list[StoredPersona]:
    """The company's personas in position order, each with its validated draft."""
    rows = conn.execute(
        "select id, position, name, archetype, data, provider, model from personas where company_id = %s order by position",
        (company_id,),
    ).fetchall()
    return [StoredPersona.model_validate({**r, "persona": PersonaDraft.model_validate(r["data"])}) for r in rows]
