"""SQL for `scores`."""

from __future__ import annotations

from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

from creative_pipeline.scoring.formula import ScriptScore

_COLUMNS = (
    "company_id", "script_id", "trend", "trend_status", "trend_keywords", "llm", "llm_raw", "calibration", "rubric",
    "viral", "performance_prior", "prior_weight", "prior_impressions", "prior_creatives", "prior_evidence", "final",
    "weights", "rationale", "provider", "model", "template_version", "fallback_reason",
)
_INSERT = f"insert into scores ({', '.join(_COLUMNS)}) values ({', '.join(['%s'] * len(_COLUMNS))})"


def replace_scores(conn: psycopg.Connection, company_id: UUID, scores: list[ScriptScore]) -> None:
    conn.execute("delete from scores where company_id = %s", (company_id,))
    with conn.cursor() as cur:
        cur.executemany(
            _INSERT,
            [
                (company_id, s.script_id, s.trend, s.trend_status, s.trend_keywords, s.llm, s.llm_raw, s.calibration,
                 Jsonb(s.rubric), s.viral, s.performance_prior, s.prior_weight, s.prior_impressions,
                 s.prior_creatives, Jsonb(s.prior_evidence), s.final, Jsonb(s.weights.model_dump()), s.rationale,
                 s.provider, s.model, s.template_version, s.fallback_reason)
                for s in scores
            ],
        )
