"""Week-over-week CTR.

Weeks are ISO weeks (Monday start) of `date_start`. A row that spans a range (an export
without a day breakdown) is attributed whole to the week it starts in: splitting it evenly
across days would invent a daily shape the export does not have. Weeks without any data
between the first and last week are kept with zero impressions and NaN CTR, so a change is
always against the calendar week before; after a gap the change is NaN, not a jump.
"""

from __future__ import annotations

import pandas as pd

from creative_pipeline.performance.insights.metrics import ctr_precision

TREND_COLUMNS: tuple[str, ...] = (
    "week_start", "iso_week", "impressions", "clicks", "spend", "ctr", "ctr_change_pct", "precision",
)


def weekly_ctr_trend(perf: pd.DataFrame) -> pd.DataFrame:
    """One row per ISO week from the first to the last week with data."""
    if perf.empty:
        return pd.DataFrame(columns=list(TREND_COLUMNS))
    start = pd.to_datetime(perf["date_start"]).astype("datetime64[s]")
    week_start = (start - pd.to_timedelta(start.dt.weekday, unit="D")).rename("week_start")
    weekly = perf[["impressions", "clicks", "spend"]].astype("float64").groupby(week_start).sum()
    full = pd.date_range(weekly.index.min(), weekly.index.max(), freq="7D").astype("datetime64[s]")
    weekly = weekly.reindex(full, fill_value=0.0).rename_axis("week_start").reset_index()
    weekly["ctr"] = (weekly["clicks"] / weekly["impressions"]).where(weekly["impressions"] > 0)
    weekly["ctr_change_pct"] = (weekly["ctr"] / weekly["ctr"].shift(1) - 1) * 100
    iso = weekly["week_start"].dt.isocalendar()
    weekly["iso_week"] = iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
    weekly["precision"] = ctr_precision(weekly["clicks"], weekly["impressions"])
    return weekly[list(TREND_COLUMNS)]
