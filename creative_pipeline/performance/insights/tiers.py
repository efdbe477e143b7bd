"""Performance tiers: top 10 / top 20 / top 50 / below 50 percent of creatives.

A creative's position is the share of eligible creatives that did *strictly better*:

    share_better = (rank_min - 1) / n     (rank_min: 1 = best, ties share the best rank)

and its tier is `top_10` if share_better < 10 %, `top_20` if < 20 %, `top_50` if < 50 %,
else `below_50`. Consequences, on purpose:

- ties land in the same (better) tier: two creatives with the same CTR are never split;
- with few creatives the best one is always `top_10` (nobody beat it), and with n < 10 no
  other creative can be `top_10`: n = 4 gives top_10, top_50 (25 % better), top_50, below_50;
- a creative without a defined metric (no impressions; for ROAS, no spend or no revenue
  known) or under `min_impressions` gets no tier (NaN) and does not count in n.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

TIERS: tuple[str, ...] = ("top_10", "top_20", "top_50", "below_50")
_BOUNDS = (0.10, 0.20, 0.50)


def tier_metric(by_creative: pd.DataFrame, metric: Literal["ctr", "roas"]) -> pd.Series:
    """The metric to rank by, recomputed from sums when the frame has them."""
    if metric == "ctr":
        if {"clicks", "impressions"} <= set(by_creative.columns):
            imp = by_creative["impressions"].astype("float64")
            return (by_creative["clicks"] / imp).where(imp > 0)
        return by_creative["ctr"].astype("float64")
    if metric == "roas":
        if {"revenue", "spend"} <= set(by_creative.columns):
            spend_col = "revenue_spend" if "revenue_spend" in by_creative.columns else "spend"
            spend = by_creative[spend_col].astype("float64")
            return (by_creative["revenue"] / spend).where(spend > 0)
        return by_creative["roas"].astype("float64")
    raise ValueError(f"metric must be 'ctr' or 'roas', got {metric!r}")


def assign_tiers(
    by_creative: pd.DataFrame, metric: Literal["ctr", "roas"], min_impressions: float = 0
) -> pd.Series:
    """Tier label per creative (index-aligned with `by_creative`; NaN when not tierable)."""
    value = tier_metric(by_creative, metric)
    if min_impressions and "impressions" in by_creative.columns:
        value = value.where(by_creative["impressions"] >= min_impressions)
    eligible = value.notna()
    n = int(eligible.sum())
    out = pd.Series(np.nan, index=by_creative.index, dtype=object)
    if n == 0:
        return out.rename(f"tier_{metric}")
    rank = value[eligible].rank(method="min", ascending=False)
    share_better = (rank - 1) / n
    labels = np.select(
        [share_better < _BOUNDS[0], share_better < _BOUNDS[1], share_better < _BOUNDS[2]],
        list(TIERS[:3]), default=TIERS[3],
    )
    out[eligible] = labels
    return out.rename(f"tier_{metric}")


def tier_counts(by_creative: pd.DataFrame, tiers: dict[str, pd.Series]) -> pd.DataFrame:
    """Long table metric x tier -> number of creatives, impressions and clicks in the tier."""
    frames = []
    for metric, labels in tiers.items():
        df = by_creative.assign(tier=labels).dropna(subset=["tier"])
        agg = df.groupby("tier").agg(n_creatives=("tier", "size"), impressions=("impressions", "sum"),
                                     clicks=("clicks", "sum"), spend=("spend", "sum"))
        agg = agg.reindex(list(TIERS), fill_value=0).reset_index().rename(columns={"index": "tier"})
        agg.insert(0, "metric", metric)
        frames.append(agg)
    if not frames:
        return pd.DataFrame(columns=["metric", "tier", "n_creatives", "impressions", "clicks", "spend"])
    return pd.concat(frames, ignore_index=True)
