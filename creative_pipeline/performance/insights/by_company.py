"""Insights for the whole portfolio and for each company in it, as rows for the `insights` table.

Pure: a frame of matched performance rows in, rows out. Portfolio rows carry `company_id`
None (they describe every company together: what the performance prior learns from across
companies); each company's rows carry its id (what its people see, under RLS).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from creative_pipeline.performance.insights.report import InsightReport, build_insights


def insights_by_company(
    perf: pd.DataFrame, period_start: date, period_end: date
) -> tuple[InsightReport, list[dict[str, Any]]]:
    """(the portfolio report, every row to store: the portfolio's then each company's)."""
    portfolio = build_insights(perf, period_start, period_end)
    rows = [{**r.model_dump(), "company_id": None} for r in portfolio.insights]
    if "company_id" in perf.columns:
        for company_id, own in perf.groupby("company_id", sort=True):
            report = build_insights(own, period_start, period_end)
            rows += [{**r.model_dump(), "company_id": str(company_id)} for r in report.insights]
    return portfolio, rows
