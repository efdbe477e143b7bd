"""Assemble every insight of a period into one report, ready for the `insights` table.

`InsightReport.insights` is one `InsightRow` per insight (the table's type / dimension / key /
value / confidence / data), and the report also keeps the tables behind them (leaderboard,
effectiveness, trend, tier counts, per-creative summary) for materialization metadata and
charts. Rows are in the period when their `date_start` is (the trend's rule too). Rows whose
value is undefined (e.g. ROAS without revenue) are left out: `insights.value` is NOT NULL.

Row types (dimension / key / value):
- `summary`: None / impressions|clicks|spend|conversions|revenue|ctr|n_creatives / the figure;
- `cost_efficiency`: None / cpc|cpm|cpa|roas / the ratio (observed totals: confidence 1);
- `effectiveness`: persona|scene_setting|... / the value / its CTR (data: all metrics, lift);
- `top_performer`: the dimension / its best value by CTR / the CTR lift vs overall;
- `tier`: ctr|roas / creative name / the creative's metric (data: tier label);
- `tier_count`: ctr|roas / top_10|top_20|top_50|below_50 / number of creatives;
- `leaderboard`: None / creative name / CTR (data: rank, tier, cost metrics);
- `variant_winner`: None / creative name / the winning variant's CTR (data: variant, variant_name,
  runner-up) — which `_V<n>` of a creative won (`insights/variants.py`);
- `ctr_trend`: iso_week / `2026-W47` / CTR (data: week_start, change %).
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from creative_pipeline.performance.insights.effectiveness import effectiveness, winners
from creative_pipeline.performance.insights.leaderboard import leaderboard
from creative_pipeline.performance.insights.variants import variant_winners
from creative_pipeline.performance.insights.metrics import creative_summary, ctr_precision, normalise_perf
from creative_pipeline.performance.insights.tiers import assign_tiers, tier_counts
from creative_pipeline.performance.insights.trend import weekly_ctr_trend


class InsightRow(BaseModel):
    """One row of the `insights` table (period and company are added by the writer)."""

    type: str
    dimension: str | None
    key: str
    value: float
    confidence: float = Field(ge=0, le=1)
    data: dict[str, Any] = Field(default_factory=dict)


class InsightReport(BaseModel):
    """All insights of one period, plus the tables they were read from."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    period_start: date
    period_end: date
    insights: list[InsightRow]
    summary: dict[str, float | None]
    by_creative: pd.DataFrame
    leaderboard: pd.DataFrame
    effectiveness: pd.DataFrame
    trend: pd.DataFrame
    tier_counts: pd.DataFrame


def _plain(value: Any) -> Any:
    """JSON-able scalar: numpy -> python, NaN -> None, timestamps -> ISO date."""
    if isinstance(value, (pd.Timestamp, date)):
        return value.date().isoformat() if isinstance(value, pd.Timestamp) else value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _rows(
    frame: pd.DataFrame, type_: str, dimension: str | None, key: str, value: str, conf: str | float,
    *, dimension_col: str | None = None,
) -> list[InsightRow]:
    """InsightRows from a (small, aggregated) table; rows with an undefined value are dropped.

    `dimension` is a literal; `dimension_col` names a column holding it per row instead.
    """
    out = []
    for rec in frame.to_dict("records"):
        val = _plain(rec[value])
        if val is None:
            continue
        c = _plain(rec[conf]) if isinstance(conf, str) else conf
        dim = str(rec[dimension_col]) if dimension_col else dimension
        out.append(InsightRow(type=type_, dimension=dim, key=str(rec[key]), value=float(val),
                              confidence=float(min(max(c or 0.0, 0.0), 1.0)),
                              data={k: _plain(v) for k, v in rec.items()}))
    return out


def _summary(by_creative: pd.DataFrame) -> dict[str, float | None]:
    totals = {c: float(by_creative[c].sum()) for c in ("impressions", "clicks", "spend", "conversions")}
    revenue = by_creative["revenue"].sum(min_count=1)
    totals["revenue"] = _plain(float(revenue))
    imp, clk, spend, conv = (totals[c] for c in ("impressions", "clicks", "spend", "conversions"))
    totals["ctr"] = clk / imp if imp > 0 else None
    totals["cpc"] = spend / clk if clk > 0 else None
    totals["cpm"] = spend * 1000 / imp if imp > 0 else None
    totals["cpa"] = spend / conv if conv > 0 else None
    revenue_spend = float(by_creative["revenue_spend"].sum())
    totals["roas"] = (totals["revenue"] / revenue_spend
                      if totals["revenue"] is not None and revenue_spend > 0 else None)
    totals["n_creatives"] = float(len(by_creative))
    return totals


def build_insights(
    perf: pd.DataFrame,
    period_start: date,
    period_end: date,
    *,
    top_n: int = 20,
    min_impressions: float = 100,
) -> InsightReport:
    """Compute tiers, effectiveness, leaderboard, cost efficiency and WoW trend for a period.

    `min_impressions` keeps barely-delivered creatives out of tiers, leaderboard and winners
    (they still count in sums and effectiveness, weighted by what they delivered).
    """
    df = normalise_perf(perf)
    start, end = pd.Timestamp(period_start), pd.Timestamp(period_end)
    df = df[(df["date_start"] >= start) & (df["date_start"] <= end)]
    in_period = perf[(pd.to_datetime(perf["date_start"]) >= start) & (pd.to_datetime(perf["date_start"]) <= end)]
    variant_board = variant_winners(in_period, min_impressions)
    by_creative = creative_summary(df)
    tiers = {m: assign_tiers(by_creative, m, min_impressions) for m in ("ctr", "roas")}
    by_creative["tier_ctr"], by_creative["tier_roas"] = tiers["ctr"], tiers["roas"]
    board = leaderboard(by_creative, top_n=top_n, min_impressions=min_impressions)
    effect = effectiveness(by_creative)
    trend = weekly_ctr_trend(df)
    counts = tier_counts(by_creative, tiers)
    summary = _summary(by_creative)

    clicks, impressions = pd.Series([summary["clicks"]]), pd.Series([summary["impressions"]])
    ctr_conf = float(ctr_precision(clicks, impressions).iloc[0])
    facts = pd.DataFrame({"key": list(summary), "value": list(summary.values())})
    facts["confidence"] = np.where(facts["key"] == "ctr", ctr_conf, 1.0)
    cost = facts["key"].isin(["cpc", "cpm", "cpa", "roas"])
    creatives = by_creative.reset_index()
    insights = [
        *_rows(facts[~cost], "summary", None, "key", "value", "confidence"),
        *_rows(facts[cost], "cost_efficiency", None, "key", "value", "confidence"),
        *_rows(effect, "effectiveness", None, "key", "ctr", "confidence", dimension_col="dimension"),
        *_rows(winners(effect, min_impressions), "top_performer", None, "key", "ctr_lift", "confidence",
              dimension_col="dimension"),
        *_rows(creatives.dropna(subset=["tier_ctr"]), "tier", "ctr", "creative_name", "ctr", "precision"),
        *_rows(creatives.dropna(subset=["tier_roas"]), "tier", "roas", "creative_name", "roas", "precision"),
        *_rows(counts, "tier_count", None, "tier", "n_creatives", 1.0, dimension_col="metric"),
        *_rows(board, "leaderboard", None, "creative_name", "ctr", "precision"),
        *_rows(variant_board, "variant_winner", None, "creative_name", "ctr", "precision"),
        *_rows(trend, "ctr_trend", "iso_week", "iso_week", "ctr", "precision"),
    ]
    return InsightReport(
        period_start=period_start, period_end=period_end, insights=insights, summary=summary,
        by_creative=by_creative, leaderboard=board, effectiveness=effect, trend=trend, tier_counts=counts,
    )
