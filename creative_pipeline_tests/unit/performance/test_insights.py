"""Insights on a small fixture whose numbers are checked by hand (see the comments)."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from creative_pipeline.performance.insights import (
    abcd_heatmap_png,
    assign_tiers,
    build_insights,
    confidence,
    ctr_trend_png,
    weekly_ctr_trend,
)

FIXTURE = Path(__file__).parents[2] / "fixtures" / "performance" / "insights_small.csv"
A, B, C, D, E = (f"20261124_{tags}_brightbrew-coffee_W0{i}" for i, tags in enumerate(
    ["HOME_SOLO_DEMO_RELIEF_UGC", "OFFICE_DUO_COMPARE_TRUST_STATIC", "CAFE_GROUP_UNBOX_JOY_REEL",
     "HOME_SOLO_DEMO_RELIEF_REEL", "GYM_SOLO_TRANSFORM_PRIDE_UGC"], start=1))
# Per creative (sums of its rows):
#   A 20000 imp, 500 clk (2.5 %), spend 300, 15 conv, revenue 750 -> CPC 0.60, CPM 15, CPA 20, ROAS 2.5
#   B 10000 imp, 250 clk (2.5 %), spend 200, 10 conv, revenue 500 -> CPC 0.80, CPM 20, CPA 20, ROAS 2.5
#   C  2000 imp,  20 clk (1.0 %), spend  40,  0 conv, revenue ?   -> CPC 2.00, CPM 20, CPA -,  ROAS -
#   D  4000 imp, 120 clk (3.0 %), spend  60,  3 conv, revenue 90  -> CPC 0.50, CPM 15, CPA 20, ROAS 1.5
#   E  1000 imp,  50 clk (5.0 %), spend  25,  1 conv, revenue ?   -> CPC 0.50, CPM 25, CPA 25, ROAS -
# Total 37000 imp, 940 clk, spend 625, 29 conv, revenue 1340 over the 560 of spend that has revenue.


@pytest.fixture(scope="module")
def perf() -> pd.DataFrame:
    return pd.read_csv(FIXTURE, parse_dates=["date_start", "date_end"])


@pytest.fixture(scope="module")
def report(perf: pd.DataFrame):
    return build_insights(perf, date(2026, 11, 1), date(2026, 11, 30))


def rows_of(report, type_: str, dimension: str | None = None) -> dict[str, object]:
    return {r.key: r for r in report.insights if r.type == type_ and r.dimension == dimension}


def test_per_creative_metrics(report) -> None:
    bc = report.by_creative
    assert bc.loc[[A, B, C, D, E], "ctr"].tolist() == pytest.approx([0.025, 0.025, 0.01, 0.03, 0.05])
    assert bc.loc[[A, B, C, D, E], "cpc"].tolist() == pytest.approx([0.6, 0.8, 2.0, 0.5, 0.5])
    assert bc.loc[[A, B, C, D, E], "cpm"].tolist() == pytest.approx([15, 20, 20, 15, 25])
    assert bc.loc[[A, B, D, E], "cpa"].tolist() == pytest.approx([20, 20, 20, 25])
    assert math.isnan(bc.loc[C, "cpa"])  # no conversions: undefined, not 0
    assert bc.loc[[A, B, D], "roas"].tolist() == pytest.approx([2.5, 2.5, 1.5])
    assert bc.loc[[C, E], "roas"].isna().all()  # revenue unknown


def test_tiers_by_ctr_and_roas(report) -> None:
    bc = report.by_creative
    # CTR ranks: E 1st (0 % better -> top_10), D 2nd (20 % better -> top_50, not < 20 %),
    # A and B tie at 3rd (40 % better -> top_50 both), C last (80 % better -> below_50)
    assert bc.loc[[E, D, A, B, C], "tier_ctr"].tolist() == ["top_10", "top_50", "top_50", "top_50", "below_50"]
    # ROAS only where revenue exists: A and B tie first, D is behind 2 of 3
    assert bc.loc[[A, B, D], "tier_roas"].tolist() == ["top_10", "top_10", "below_50"]
    assert bc.loc[[C, E], "tier_roas"].isna().all()
    counts = report.tier_counts.set_index(["metric", "tier"])["n_creatives"]
    assert counts[("ctr", "top_10")] == 1 and counts[("ctr", "top_50")] == 3 and counts[("ctr", "below_50")] == 1
    assert counts[("roas", "top_10")] == 2 and counts[("roas", "below_50")] == 1


def test_summary_and_cost_efficiency(report) -> None:
    s = report.summary
    assert (s["impressions"], s["clicks"], s["spend"], s["conversions"], s["revenue"]) == (37000, 940, 625, 29, 1340)
    assert s["ctr"] == pytest.approx(940 / 37000)
    cost = rows_of(report, "cost_efficiency")
    assert cost["cpc"].value == pytest.approx(625 / 940)
    assert cost["cpm"].value == pytest.approx(625 / 37000 * 1000)
    assert cost["cpa"].value == pytest.approx(625 / 29)
    assert cost["roas"].value == pytest.approx(1340 / 560)  # spend without revenue does not dilute


def test_effectiveness_by_persona_driver_format(report) -> None:
    eff = report.effectiveness.set_index(["dimension", "key"])
    overall = 940 / 37000
    parent, student, remote = (eff.loc[("persona", k)] for k in ("Busy Parent", "Student", "Remote Worker"))
    assert (parent["impressions"], parent["clicks"], parent["n_creatives"]) == (30000, 750, 2)
    assert parent["ctr"] == pytest.approx(0.025)
    assert parent["cpc"] == pytest.approx(500 / 750)
    assert parent["roas"] == pytest.approx(2.5)
    assert parent["ctr_lift"] == pytest.approx(0.025 / overall - 1)
    assert student["ctr"] == pytest.approx(140 / 6000)
    assert student["roas"] == pytest.approx(90 / 60)
    assert remote["n_creatives"] == 1 and np.isnan(remote["roas"])
    assert eff.loc[("driver", "RELIEF"), "ctr"] == pytest.approx(620 / 24000)
    assert eff.loc[("format", "UGC"), "ctr"] == pytest.approx(550 / 21000)
    assert eff.loc[("format", "REEL"), "ctr"] == pytest.approx(140 / 6000)
    # same breadth (2 creatives each), five times the impressions -> more confidence
    assert parent["confidence"] > student["confidence"] > 0
    # the Wilson-based formula, recomputed by hand for Busy Parent
    z, n, p = 1.959963984540054, 30000, 0.025
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert parent["confidence"] == pytest.approx((1 - half / centre) * 2 / (2 + 2))


def test_confidence_grows_with_impressions_and_creatives() -> None:
    imps = pd.Series([0, 100, 1_000, 10_000, 100_000, 1_000_000])
    by_imps = confidence(imps * 0.02, imps, pd.Series([3] * len(imps)))
    assert by_imps.iloc[0] == 0
    assert by_imps.is_monotonic_increasing and by_imps.diff().iloc[1:].gt(0).all()
    n = pd.Series([1, 2, 5, 20])
    by_n = confidence(pd.Series([200] * 4), pd.Series([10_000] * 4), n)
    assert by_n.diff().iloc[1:].gt(0).all()
    assert ((by_imps >= 0) & (by_imps <= 1)).all()


def test_week_over_week_trend(report) -> None:
    trend = report.trend
    assert trend["iso_week"].tolist() == ["2026-W45", "2026-W46"]
    # W45: A 10000/300, B 5000/100, C 2000/20, and D's range row (starts Thu 5 Nov) 4000/120
    assert trend["impressions"].tolist() == [21000, 16000]
    assert trend["ctr"].tolist() == pytest.approx([540 / 21000, 400 / 16000])
    assert np.isnan(trend["ctr_change_pct"].iloc[0])
    assert trend["ctr_change_pct"].iloc[1] == pytest.approx((0.025 / (540 / 21000) - 1) * 100)  # -2.78 %


def test_trend_keeps_empty_weeks_as_gaps() -> None:
    perf = pd.DataFrame({"date_start": pd.to_datetime(["2026-11-02", "2026-11-16", "2026-11-23"]),
                         "impressions": [100, 100, 100], "clicks": [1, 2, 3], "spend": [1, 1, 1]})
    trend = weekly_ctr_trend(perf)
    assert trend["iso_week"].tolist() == ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
    assert trend["ctr_change_pct"].isna().tolist() == [True, True, True, False]
    assert trend["ctr_change_pct"].iloc[3] == pytest.approx(50.0)


def test_leaderboard(perf: pd.DataFrame) -> None:
    rep = build_insights(perf, date(2026, 11, 1), date(2026, 11, 30), min_impressions=1000)
    board = rep.leaderboard
    assert board["creative_name"].tolist() == [E, D, A, B, C]  # A before B: same CTR, more impressions
    assert board["rank"].tolist() == [1, 2, 3, 4, 5]
    assert board.loc[0, "tier_ctr"] == "top_10" and board.loc[0, "cpc"] == pytest.approx(0.5)
    strict = build_insights(perf, date(2026, 11, 1), date(2026, 11, 30), min_impressions=5000, top_n=2)
    assert strict.leaderboard["creative_name"].tolist() == [A, B]


def test_period_filter_uses_date_start(perf: pd.DataFrame) -> None:
    rep = build_insights(perf, date(2026, 11, 2), date(2026, 11, 8))
    assert (rep.summary["impressions"], rep.summary["clicks"]) == (21000, 540)
    assert rep.trend["iso_week"].tolist() == ["2026-W45"]


def test_insight_rows_are_storable(report) -> None:
    assert report.insights
    for row in report.insights:
        assert math.isfinite(row.value) and 0 <= row.confidence <= 1
        json.dumps(row.data, allow_nan=False)
    types = {r.type for r in report.insights}
    assert types == {"summary", "cost_efficiency", "effectiveness", "top_performer", "tier",
                     "tier_count", "leaderboard", "ctr_trend"}
    assert rows_of(report, "effectiveness", "driver")["RELIEF"].value == pytest.approx(620 / 24000)
    winner = rows_of(report, "top_performer", "persona")
    assert list(winner) == ["Remote Worker"] and winner["Remote Worker"].value == pytest.approx(0.05 / (940 / 37000) - 1)
    trend_rows = rows_of(report, "ctr_trend", "iso_week")
    assert trend_rows["2026-W46"].data["ctr_change_pct"] == pytest.approx(-2.7777777)


def test_no_winner_in_a_single_valued_dimension(perf: pd.DataFrame) -> None:
    rep = build_insights(perf.assign(format="UGC"), date(2026, 11, 1), date(2026, 11, 30))
    winners = {r.dimension for r in rep.insights if r.type == "top_performer"}
    assert "format" not in winners and "persona" in winners


def test_assign_tiers_small_n_ties_and_missing() -> None:
    ten = pd.DataFrame({"clicks": list(range(10, 0, -1)), "impressions": [100] * 10})
    assert assign_tiers(ten, "ctr").tolist() == ["top_10", "top_20"] + ["top_50"] * 3 + ["below_50"] * 5
    tied = pd.DataFrame({"clicks": [5, 5, 5, 1], "impressions": [100, 100, 100, 100]})
    assert assign_tiers(tied, "ctr").tolist() == ["top_10", "top_10", "top_10", "below_50"]
    one = pd.DataFrame({"clicks": [1], "impressions": [10]})
    assert assign_tiers(one, "ctr").tolist() == ["top_10"]
    holes = pd.DataFrame({"clicks": [1, 0, 3], "impressions": [10, 0, 50], "revenue": [np.nan, 1, 2], "spend": [1, 1, 0]})
    assert assign_tiers(holes, "ctr").isna().tolist() == [False, True, False]
    assert assign_tiers(holes, "roas").isna().tolist() == [True, False, True]
    assert assign_tiers(holes, "ctr", min_impressions=20).isna().tolist() == [True, True, False]


def test_empty_period(perf: pd.DataFrame) -> None:
    rep = build_insights(perf, date(2025, 1, 1), date(2025, 1, 31))
    assert rep.leaderboard.empty and rep.trend.empty and rep.effectiveness.empty
    assert all(r.type in {"summary", "tier_count"} for r in rep.insights)
    assert ctr_trend_png(rep.trend).startswith(b"\x89PNG")
    assert abcd_heatmap_png(perf.iloc[0:0]).startswith(b"\x89PNG")


def test_charts_render(report, perf: pd.DataFrame) -> None:
    for png in (ctr_trend_png(report.trend), abcd_heatmap_png(perf), abcd_heatmap_png(perf, "scene_setting", "action")):
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000
