"""`trend_cache`: scores already asked of Google, and recent failures, by (keyword, geo, timeframe).

Google rate-limits bursts for hours, so a keyword is asked at most once per TTL. Failures are
cached too, but only for a short negative TTL: long enough that an outage or a 429 spell is
not hammered by every run, short enough that scores come back soon after it ends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.domain.trends import KeywordTrend, normalise_keyword

DEFAULT_NEGATIVE_TTL_HOURS = 1.0

_SELECT_FRESH = """
select keyword, score, status, error, fetched_at
from public.trend_cache
where geo = %(geo)s and timeframe = %(timeframe)s and keyword = any(%(keywords)s)
  and fetched_at > now() - case when status = 'ok'
                                then make_interval(secs => %(ttl_s)s)
                                else make_interval(secs => %(negative_ttl_s)s) end
"""

_UPSERT = """
insert into public.trend_cache (keyword, geo, timeframe, score, status, error, fetched_at)
values (%(keyword)s, %(geo)s, %(timeframe)s, %(score)s, %(status)s, %(error)s, now())
on conflict (keyword, geo, timeframe) do update
set score = excluded.score, status = excluded.status, error = excluded.error,
    fetched_at = excluded.fetched_at
"""


class TrendCacheRepository:
    """Reads fresh entries and upserts new ones; keys are normalised keywords."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get_fresh(
        self,
        keywords: Iterable[str],
        geo: str,
        timeframe: str,
        ttl_hours: float,
        negative_ttl_hours: float = DEFAULT_NEGATIVE_TTL_HOURS,
    ) -> dict[str, KeywordTrend]:
        """Fresh entries by normalised keyword: scores as "cached", recent failures as
        "unavailable" (their reason plus when a retry is due). Stale rows are simply absent."""
        keys = sorted({normalise_keyword(k) for k in keywords} - {""})
        if not keys:
            return {}
        params = {
            "geo": geo,
            "timeframe": timeframe,
            "keywords": keys,
            "ttl_s": ttl_hours * 3600.0,
            "negative_ttl_s": negative_ttl_hours * 3600.0,
        }
        with self.db.transaction() as conn:
            rows = conn.execute(_SELECT_FRESH, params).fetchall()
        found: dict[str, KeywordTrend] = {}
        for row in rows:
            if row["status"] == "ok" and row["score"] is not None:
                found[row["keyword"]] = KeywordTrend(
                    keyword=row["keyword"], score=float(row["score"]), status="cached"
                )
            else:
                retry_at = (row["fetched_at"] + dt.timedelta(hours=negative_ttl_hours)).astimezone(dt.timezone.utc)
                reason = row["error"] or "Google Trends unavailable"
                found[row["keyword"]] = KeywordTrend(
                    keyword=row["keyword"],
                    status="unavailable",
                    error=f"{reason} (cached failure; next attempt after {retry_at:%Y-%m-%d %H:%M} UTC)",
                )
        return found

    def put(self, trends: list[KeywordTrend], geo: str, timeframe: str) -> None:
        """Upsert results: "ok"/"cached" as ok with their score, "unavailable" with the reason."""
        rows = [
            {
                "keyword": normalise_keyword(trend.keyword),
                "geo": geo,
                "timeframe": timeframe,
                "score": trend.score if trend.available else None,
                "status": "ok" if trend.available else "unavailable",
                "error": None if trend.available else trend.error,
            }
            for trend in trends
            if normalise_keyword(trend.keyword)
        ]
        if not rows:
            return
        with self.db.transaction() as conn:
            with conn.cursor() as cur:
                cur.executemany(_UPSERT, rows)
