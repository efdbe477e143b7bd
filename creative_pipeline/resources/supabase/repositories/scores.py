"""SQL for `scores`."""

from __future__ import annotations

from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

from creative_pipeline.scoring.formula import ScriptScore


def replace_scores(conn: psycopg.Connection, company_id: UUID, scores: list[ScriptScore]) -> None:
    conn.execute("delete from scores where company_id = %s", (company_id,))
    with conn.cursor() as cur:
        cur.executemany(
            "insert into scores (company_id, script_id, trend, trend_status, llm, viral, performance_prior, final, "
            "weights, rationale, provider, model, fallback_reason) values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            [
                (company_id, s.script_id, s.trend, s.trend_status, s.llm, s.viral, s.performance_prior, s.final,
                 Jsonb(s.weights.model_dump()), s.rationale, s.provider, s.model, s.fallback_reason)
                for s in scores
            ],
        )
