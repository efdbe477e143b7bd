"""Meta Ads Manager exports.

Two shapes: with a `Day` breakdown (one row per ad per day) or without (one row per ad over
the `Reporting starts`-`Reporting ends` window). `Amount spent (USD)` carries the currency in
its header. Revenue is `Purchases conversion value` when exported; otherwise it is derived as
`spend x Purchase ROAS`, because Meta's ROAS column is a ratio (2.5 means 2.5x spend), and a
blank ROAS means no purchase value, i.e. 0. Totals rows have an empty `Ad name`.
"""

from __future__ import annotations

from creative_pipeline.performance.models import ParsedExport
from creative_pipeline.performance.parsers.common import RawExport, finish, parse_metrics, revenue_from, summary_mask
from creative_pipeline.performance.parsers.dates import parse_date_range_series, parse_date_series

PLATFORM = "meta"
REQUIRED: tuple[str, ...] = ("ad_name", "impressions", "clicks", "spend")
DATE_SOURCES: tuple[str, ...] = ("date", "date_start")


def parse(raw: RawExport) -> ParsedExport:
    """Parse a read Meta export into canonical rows."""
    skip = summary_mask(raw)
    values, problems = parse_metrics(raw)
    if raw.has("date"):
        start, end = parse_date_range_series(raw.col("date"), raw.dayfirst_hint)
        date_field = "date"
    else:
        start = parse_date_series(raw.col("date_start"), raw.dayfirst_hint)
        end = parse_date_series(raw.col("date_end"), raw.dayfirst_hint) if raw.has("date_end") else start
        date_field = "date_start"
    revenue = revenue_from(values)
    return finish(raw, skip=skip, values=values, problems=problems, start=start, end=end,
                  date_field=date_field, revenue=revenue)
