"""Top creatives by CTR, with their tiers and cost metrics.

Creatives under `min_impressions` are left out: a 3-impression ad with 1 click has a 33 % CTR
and tells us nothing. Ties on CTR are broken by more impressions (the better-measured one
first), then by name so the order is stable between runs.
"""

from __future__ import annotations

import pandas as pd

from creative_pipeline.performance.insights.tiers import assign_tiers

LEADERBOARD_COLUMNS: tuple[str, ...] = (
    "rank", "creative_name", "company_slug", "persona", "scene_setting", "scene_subject", "action",
    "driver", "format", "impressions", "clicks", "spend", "conversions", "revenue", "ctr", "cpc",
    "cpm", "cpa", "roas", "tier_ctr", "tier_roas", "precision",
)


def leaderboard(by_creative: pd.DataFrame, top_n: int = 20, min_impressions: float = 1000) -> pd.DataFrame:
    """Top `top_n` creatives by CTR among those with at least `min_impressions`.

    Tiers are taken from `by_creative` when present (computed over all creatives, so a tier
    means the same thing on the leaderboard and elsewhere), else computed here.
    """
    df = by_creative.copy()
    if "tier_ctr" not in df:
        df["tier_ctr"] = assign_tiers(df, "ctr", min_impressions)
    if "tier_roas" not in df:
        df["tier_roas"] = assign_tiers(df, "roas", min_impressions)
    df = df[(df["impressions"] >= min_impressions) & df["ctr"].notna()]
    if df.index.name == "creative_name":
        df = df.reset_index()
    df = df.sort_values(["ctr", "impressions", "creative_name"], ascending=[False, False, True]).head(top_n)
    df.insert(0, "rank", range(1, len(df) + 1))
    return df[[c for c in LEADERBOARD_COLUMNS if c in df.columns]].reset_index(drop=True)
