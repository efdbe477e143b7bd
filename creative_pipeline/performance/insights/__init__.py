"""Performance insights: pure pandas over matched performance rows (no database here).

`build_insights(perf, period_start, period_end)` is the entry point; the chart functions
render its tables. See `metrics.py` for the column contract and the confidence formula.
"""

from creative_pipeline.performance.insights.charts import abcd_heatmap_png, ctr_trend_png
from creative_pipeline.performance.insights.effectiveness import effectiveness, winners
from creative_pipeline.performance.insights.leaderboard import leaderboard
from creative_pipeline.performance.insights.metrics import (
    DIMENSIONS,
    PERF_COLUMNS,
    confidence,
    creative_summary,
    ctr_precision,
    normalise_perf,
    wilson_interval,
)
from creative_pipeline.performance.insights.report import InsightReport, InsightRow, build_insights
from creative_pipeline.performance.insights.tiers import TIERS, assign_tiers, tier_counts
from creative_pipeline.performance.insights.trend import weekly_ctr_trend

__all__ = [
    "DIMENSIONS", "PERF_COLUMNS", "TIERS", "InsightReport", "InsightRow", "abcd_heatmap_png",
    "assign_tiers", "build_insights", "confidence", "creative_summary", "ctr_precision",
    "ctr_trend_png", "effectiveness", "leaderboard", "normalise_perf", "tier_counts",
    "weekly_ctr_trend", "wilson_interval", "winners",
]
