"""Which personas, scenes, actions, drivers and formats win.

Per dimension value: summed delivery (impressions, clicks, spend, conversions, revenue), the
ratios computed from those sums (CTR, CPC, CPM, CPA, ROAS), the number of creatives, the CTR
lift against the overall CTR of the same data (`ctr_lift` = ctr / overall_ctr - 1, so 0.25
means 25 % better than average), the Wilson interval of the CTR and the confidence score
described in `metrics.py` (grows with impressions and with the number of creatives).

Input is the per-creative summary (`metrics.creative_summary`), so a million daily rows are
grouped once, and each dimension is then a group-by over a few hundred creatives.
"""

from __future__ import annotations

import pandas as pd

from creative_pipeline.performance.insights.metrics import (
    DIMENSIONS,
    ROAS_SPEND,
    add_ratios,
    confidence,
    wilson_interval,
)

EFFECTIVENESS_COLUMNS: tuple[str, ...] = (
    "dimension", "key", "n_creatives", "impressions", "clicks", "spend", "conversions", "revenue",
    "ctr", "cpc", "cpm", "cpa", "roas", "ctr_lift", "ctr_low", "ctr_high", "confidence",
)


def effectiveness(by_creative: pd.DataFrame, dimensions: tuple[str, ...] = DIMENSIONS) -> pd.DataFrame:
    """Long table: one row per (dimension, value), sorted by dimension then CTR descending."""
    if by_creative.empty:
        return pd.DataFrame(columns=list(EFFECTIVENESS_COLUMNS))
    total_imp = float(by_creative["impressions"].sum())
    overall_ctr = float(by_creative["clicks"].sum()) / total_imp if total_imp > 0 else float("nan")
    frames = []
    for dim in dimensions:
        grouped = by_creative.groupby(dim, sort=False, dropna=False)
        agg = grouped[["impressions", "clicks", "spend", "conversions", ROAS_SPEND]].sum()
        agg["revenue"] = grouped["revenue"].sum(min_count=1)
        agg["n_creatives"] = grouped.size()
        agg = add_ratios(agg)
        agg["ctr_lift"] = agg["ctr"] / overall_ctr - 1
        agg["ctr_low"], agg["ctr_high"] = wilson_interval(agg["clicks"], agg["impressions"])
        agg["confidence"] = confidence(agg["clicks"], agg["impressions"], agg["n_creatives"])
        agg = agg.rename_axis("key").reset_index()
        agg.insert(0, "dimension", dim)
        frames.append(agg.sort_values(["ctr", "impressions"], ascending=False, na_position="last"))
    out = pd.concat(frames, ignore_index=True)
    out["key"] = out["key"].astype(str)
    return out[list(EFFECTIVENESS_COLUMNS)]


def winners(effect: pd.DataFrame, min_impressions: float = 0) -> pd.DataFrame:
    """The best value (by CTR) of each dimension among values with enough impressions.

    Dimensions with a single value have no winner: beating nobody is not a finding.
    """
    eligible = effect[(effect["impressions"] >= min_impressions) & effect["ctr"].notna()]
    eligible = eligible[eligible.groupby("dimension")["key"].transform("size") > 1]
    if eligible.empty:
        return effect.iloc[0:0]
    ordered = eligible.sort_values(["ctr", "confidence"], ascending=False)
    best = ordered.groupby("dimension", sort=False).head(1)
    return best.reset_index(drop=True)
