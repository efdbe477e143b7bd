"""Reading the feedback loop's results: the latest insights and the top performers (the CLI's
`insights`, the demo, the studio). Computing them is `performance.refresh_insights`."""

from __future__ import annotations

from creative_pipeline.domain.performance import StoredInsight, TopPerformer
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories import insights as insight_rows
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.companies import get_company
from creative_pipeline.services.runtime import database

__all__ = ["StoredInsight", "TopPerformer", "creative_names", "latest_insights", "top_performers"]


def latest_insights(*, db: Database | None = None) -> list[StoredInsight]:
    """Every row of the newest insights period, for the portfolio and per company."""
    with (db or database()).transaction() as conn:
        return insight_rows.latest_insights(conn)


def top_performers(limit: int = 5, *, db: Database | None = None) -> list[TopPerformer]:
    with (db or database()).transaction() as conn:
        return insight_rows.top_performers(conn, limit=limit)


def creative_names(key: str, *, db: Database | None = None) -> list[str]:
    """The creative names a company's winners carry into ad platforms (what an export is matched on)."""
    with (db or database()).transaction() as conn:
        return [b.creative_name for b in load_briefs(conn, get_company(conn, key).id)]
