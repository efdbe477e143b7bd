"""Google Ads report downloads.

Quirks handled: preamble lines before the header (`Ad report`, then the reporting window such
as `November 1, 2026 - November 23, 2026`), `--` for "no value", `Total: Account` /
`Total: Campaigns` footer rows, `Cost` with symbols (`US$1,234.56`, `€1.234,56`) or plain with
a `Currency code` column, `Day` in ISO or `Nov 3, 2026` form, and the UTF-16 tab-separated
"Excel CSV" variant (handled by the sniffer).

Dates: `Day` gives day rows; `Week` (Monday start) and `Month` segments give 7-day and
calendar-month ranges; without any date segment every row spans the preamble's reporting
window (or a window found in the file name), which is exactly what the report covers.
"""

from __future__ import annotations

import pandas as pd

from creative_pipeline.performance.models import ParsedExport
from creative_pipeline.performance.parsers.common import RawExport, finish, parse_metrics, summary_mask
from creative_pipeline.performance.parsers.dates import (
    DATE_DTYPE,
    parse_date_range_series,
    parse_date_series,
    range_in_text,
)

PLATFORM = "google_ads"
REQUIRED: tuple[str, ...] = ("ad_name", "impressions", "clicks", "spend")
DATE_SOURCES: tuple[str, ...] = ("date", "week", "month")


def report_window(preamble: list[str], source_name: str = "") -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The reporting window written in the preamble, else in the file name."""
    for line in preamble:
        window = range_in_text(line)
        if window:
            return window
    return range_in_text(source_name) if source_name else None


def _dates(raw: RawExport) -> tuple[pd.Series, pd.Series, str]:
    hint = raw.dayfirst_hint
    if raw.has("date"):
        start, end = parse_date_range_series(raw.col("date"), hint)
        return start, end, "date"
    if raw.has("week"):
        text = raw.col("week").str.replace(r"(?i)^\s*week of\s*", "", regex=True)
        start = parse_date_series(text, hint)
        return start, (start + pd.Timedelta(days=6)).astype(DATE_DTYPE), "week"
    if raw.has("month"):
        start = parse_date_series(raw.col("month"), hint)
        start = start.dt.to_period("M").dt.start_time.astype(DATE_DTYPE)
        end = (start + pd.offsets.MonthEnd(0)).astype(DATE_DTYPE)
        return start, end, "month"
    window = report_window(raw.sniffed.preamble, raw.source_name)
    if window is None:  # detect.py checks this before reading; kept for direct callers
        nat = pd.Series(pd.NaT, index=raw.frame.index, dtype=DATE_DTYPE)
        return nat, nat.copy(), "date"
    raw.warnings.append(
        f"no Day column: every row spans the report window {window[0]:%Y-%m-%d} to {window[1]:%Y-%m-%d}"
    )
    start = pd.Series(window[0], index=raw.frame.index).astype(DATE_DTYPE)
    end = pd.Series(window[1], index=raw.frame.index).astype(DATE_DTYPE)
    return start, end, "date"


def parse(raw: RawExport) -> ParsedExport:
    """Parse a read Google Ads report into canonical rows."""
    skip = summary_mask(raw, label_fields=("campaign", "ad_group", "date", "week", "month"))
    values, problems = parse_metrics(raw)
    start, end, date_field = _dates(raw)
    revenue = values["revenue"].fillna(0.0) if "revenue" in values else None
    return finish(raw, skip=skip, values=values, problems=problems, start=start, end=end,
                  date_field=date_field, revenue=revenue)
