"""Shared reference data: the curated ad patterns (`viral_examples`) the script and scoring
prompts learn from and the viral-likeness part compares against."""

from __future__ import annotations

import psycopg

from creative_pipeline.domain.ad_pattern import AdPattern


def viral_examples(conn: psycopg.Connection) -> list[AdPattern]:
    """Every pattern, the curated ones in their file order (by key), then rows a team added."""
    rows = conn.execute(
        "select coalesce(pattern_key, '') as key, vertical, platform, hook, first_frame, body, why_it_worked "
        "from viral_examples order by pattern_key is null, created_at, pattern_key, hook"
    )
    return [AdPattern.model_validate(r) for r in rows]
