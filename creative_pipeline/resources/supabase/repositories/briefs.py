"""SQL for creative briefs (rows of `assets` with kind image_brief / video_brief)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

from creative_pipeline.domain.brief import CreativeBrief, StoredBrief
from creative_pipeline.domain.provenance import Provenance


def replace_briefs(conn: psycopg.Connection, company_id: UUID, briefs: list[CreativeBrief], provider: str,
                   made_by: list[Provenance]) -> None:
    """Replace the company's briefs; `made_by[i]` is the model that wrote brief i (and why, if a fallback)."""
    conn.execute("delete from assets where company_id = %s and kind in ('image_brief', 'video_brief')", (company_id,))
    for brief, origin in zip(briefs, made_by, strict=True):
        upsert_brief(conn, company_id, brief, provider, origin.model, fallback_reason=origin.fallback_reason)


def upsert_brief(conn: psycopg.Connection, company_id: UUID, brief: CreativeBrief, provider: str, model: str,
                 history: list[dict[str, Any]] | None = None, fallback_reason: str | None = None) -> None:
    """Write both briefs of a winner; `history` keeps earlier versions when a review revises it."""
    common = {"rank": brief.rank, "abcd": brief.abcd.model_dump(mode="json"), "persona_name": brief.persona_name,
              "final_score": brief.final_score, "history": history or [], "compliance": brief.compliance}
    for kind, body in (("image_brief", brief.image), ("video_brief", brief.video)):
        conn.execute(
            "insert into assets (company_id, script_id, kind, creative_name, variant, data, provider, model, fallback_reason) "
            "values (%s, %s, %s, %s, 1, %s, %s, %s, %s) on conflict (company_id, kind, creative_name, variant, placement) "
            "do update set data = excluded.data, provider = excluded.provider, model = excluded.model, "
            "fallback_reason = excluded.fallback_reason, created_at = now()",
            (company_id, brief.script_id, kind, brief.creative_name,
             Jsonb({**common, "brief": body.model_dump(mode="json")}), provider, model, fallback_reason),
        )


def load_briefs(conn: psycopg.Connection, company_id: UUID) -> list[StoredBrief]:
    """One `StoredBrief` per winner (its image and video rows merged), in rank order; the brief
    bodies are kept exactly as stored, so their fingerprints match what renders recorded."""
    rows = conn.execute(
        "select a.script_id, a.creative_name, a.kind, a.data, a.provider, a.model, s.headline as script_headline "
        "from assets a left join scripts s on s.id = a.script_id "
        "where a.company_id = %s and a.kind in ('image_brief', 'video_brief') order by (a.data->>'rank')::int, a.kind",
        (company_id,),
    ).fetchall()
    merged: dict[str, dict[str, Any]] = {}
    for r in rows:
        item = merged.setdefault(r["creative_name"], {
            "script_id": str(r["script_id"]) if r["script_id"] is not None else None, "creative_name": r["creative_name"],
            "rank": r["data"]["rank"], "abcd": r["data"]["abcd"], "persona_name": r["data"].get("persona_name", ""),
            "final_score": r["data"].get("final_score"), "provider": r["provider"], "model": r["model"],
            "history": r["data"].get("history", []), "compliance": r["data"].get("compliance"),
            "script_headline": r["script_headline"],
        })
        item["image_body" if r["kind"] == "image_brief" else "video_body"] = r["data"]["brief"]
    return sorted((StoredBrief.model_validate(b) for b in merged.values()), key=lambda b: b.rank)
