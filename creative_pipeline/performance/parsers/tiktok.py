"""TikTok Ads Manager exports.

Column names drift between versions (`Ad Name`/`Ad name`, `Cost`/`Total cost`,
`Clicks (Destination)`, full-width `Clicks（destination）` in some locales: normalisation in
`columns.py` absorbs it). `Date` is `2026-11-03`, `2026/11/03` or with a time part; a
by-range export writes the window in the date cell (`2026-11-01 ~ 2026-11-23`) or has no date
column, in which case the window is looked for in the file name. `Total of 12 ads` rows are
summaries.
"""

from __future__ import annotations

import pandas as pd

from creative_pipeline.performance.models import ParsedExport
from creative_pipeline.performance.parsers.common import RawExport, finish, parse_metrics, revenue_from, summary_mask
from creative_pipeline.performance.parsers.dates import DATE_DTYPE, parse_date_range_series, range_in_text

PLATFORM = "tiktok"
REQUIRED: tuple[str, ...] = ("ad_name", "impressions", "clicks", "spend")
DATE_SOURCES: tuple[str, ...] = ("date",)


def report_window(preamble: list[str], source_name: str = "") -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """TikTok has no preamble; a by-range export may carry its window in the file name."""
    return range_in_text(source_name) if source_name else None


def parse(raw: RawExport) -> ParsedExport:
    """Parse a read TikTok export into canonical rows."""
    skip = summary_mask(raw)
    values, problems = parse_metrics(raw)
    if raw.has("date"):
        start, end = parse_date_range_series(raw.col("date"), raw.dayfirst_hint)
    else:
        window = report_window([], raw.source_name)
        value = window if window else (pd.NaT, pd.NaT)
        start = pd.Series(value[0], index=raw.frame.index).astype(DATE_DTYPE)
        end = pd.Series(value[1], index=raw.frame.index).astype(DATE_DTYPE)
        if window:
            raw.warnings.append(f"no Date column: rows span {window[0]:%Y-%m-%d} to {window[1]:%Y-%m-%d} "
                                "(from the file name)")
    revenue = revenue_from(values)
    return finish(raw, skip=skip, values=values, problems=problems, start=start, end=end,
                  date_field="date", revenue=revenue)
