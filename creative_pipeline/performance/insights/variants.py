"""Which variant of a creative won: the `_V<n>` ads of one creative compared with each other.

A creative's variants (the primary image `_V1`, its edits `_V2`/`_V3`, a video) run as separate
ads; their rows roll up to the creative everywhere else, and here they are told apart. Only
creatives with at least two variants that each delivered `min_impressions` are judged (one
variant, or a thinly measured one, says nothing about which is better). Ties on CTR go to the
better-measured variant. Rows without a variant (bare names exported before variants had names)
take no part.
"""

from __future__ import annotations

import pandas as pd

from creative_pipeline.performance.insights.metrics import ctr_precision

VARIANT_WINNER_COLUMNS: tuple[str, ...] = (
    "creative_name", "variant", "variant_name", "impressions", "clicks", "ctr", "precision", "variants_compared",
    "runner_up", "runner_up_ctr",
)


def variant_winners(perf: pd.DataFrame, min_impressions: float = 100) -> pd.DataFrame:
    """One row per creative whose variants can be compared: the winning variant and its CTR."""
    if "variant" not in perf.columns:
        return pd.DataFrame(columns=list(VARIANT_WINNER_COLUMNS))
    df = perf[perf["variant"].notna() & perf["creative_name"].notna()].copy()
    if df.empty:
        return pd.DataFrame(columns=list(VARIANT_WINNER_COLUMNS))
    df["variant"] = df["variant"].astype(int)
    sums = df.groupby(["creative_name", "variant"], sort=True)[["impressions", "clicks"]].sum().reset_index()
    sums = sums[sums["impressions"] >= min_impressions]
    sums["ctr"] = sums["clicks"] / sums["impressions"]
    out = []
    for name, group in sums.groupby("creative_name", sort=True):
        if len(group) < 2:
            continue
        ranked = group.sort_values(["ctr", "impressions", "variant"], ascending=[False, False, True])
        best, second = ranked.iloc[0], ranked.iloc[1]
        out.append({
            "creative_name": name, "variant": int(best["variant"]), "variant_name": f"{name}_V{int(best['variant'])}",
            "impressions": float(best["impressions"]), "clicks": float(best["clicks"]), "ctr": float(best["ctr"]),
            "precision": float(ctr_precision(pd.Series([best["clicks"]]), pd.Series([best["impressions"]])).iloc[0]),
            "variants_compared": len(group), "runner_up": int(second["variant"]), "runner_up_ctr": float(second["ctr"]),
        })
    return pd.DataFrame(out, columns=list(VARIANT_WINNER_COLUMNS))
