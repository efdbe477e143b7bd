"""Shared arithmetic of the insights: input checks, ratios, per-creative sums, confidence.

Ratios are computed from sums (CTR of a group = its clicks / its impressions), never averaged
from per-row ratios, so a big day weighs as much as it should. A ratio whose denominator is 0
is NaN (CPC without clicks is undefined, not 0). ROAS is revenue over the spend of the rows whose revenue is
known, and NaN when no revenue is known at all.

Confidence (in [0, 1]) multiplies two terms:

    precision = clip(1 - h / c, 0, 1)     with c, h = centre and half-width of the 95 % Wilson
                                          score interval of CTR (clicks out of impressions)
    breadth   = n_creatives / (n_creatives + 2)
    confidence = precision * breadth

`h / c` is the interval's relative half-width: at a 1 % CTR it is about 0.62 for 1,000
impressions, 0.20 for 10,000 and 0.06 for 100,000, so precision grows with impressions (it is
strictly increasing in impressions at a fixed CTR) and a group with no clicks scores 0. The
breadth term says one creative is an anecdote: 1 creative -> 0.33, 3 -> 0.6, 10 -> 0.83. For
a single creative (leaderboard, tiers) only the precision term is used.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DIMENSIONS: tuple[str, ...] = ("persona", "scene_setting", "scene_subject", "action", "driver", "format")
PERF_COLUMNS: tuple[str, ...] = (
    "creative_name", "company_slug", *DIMENSIONS, "date_start", "date_end",
    "impressions", "clicks", "spend", "conversions", "revenue",
)
SUMS: tuple[str, ...] = ("impressions", "clicks", "spend", "conversions", "revenue")
# ROAS divides revenue by the spend *of the rows whose revenue is known*: an export without
# revenue (TikTok without a value column) must not dilute the ROAS of those that have it.
ROAS_SPEND = "revenue_spend"
UNKNOWN = "(unknown)"
Z_95 = 1.959963984540054
BREADTH_K = 2.0


def normalise_perf(perf: pd.DataFrame) -> pd.DataFrame:
    """Check the columns and coerce types; missing or empty dimension values become '(unknown)'."""
    missing = [c for c in PERF_COLUMNS if c not in perf.columns]
    if missing:
        raise ValueError(f"perf is missing columns {missing}; expected {list(PERF_COLUMNS)}")
    out = perf.loc[:, list(PERF_COLUMNS)].copy()
    for col in ("creative_name", "company_slug", *DIMENSIONS):
        text = out[col].astype(object)
        out[col] = text.where(text.notna() & (text != ""), UNKNOWN)
    for col in ("date_start", "date_end"):
        out[col] = pd.to_datetime(out[col]).astype("datetime64[s]")
    for col in SUMS:
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    for col in ("impressions", "clicks", "spend", "conversions"):
        out[col] = out[col].fillna(0.0)
    out[ROAS_SPEND] = out["spend"].where(out["revenue"].notna(), 0.0)
    return out


def _ratio(num: pd.Series, den: pd.Series, scale: float = 1.0) -> pd.Series:
    den = den.astype("float64")
    return (num.astype("float64") * scale / den).where(den > 0)


def add_ratios(df: pd.DataFrame) -> pd.DataFrame:
    """Add ctr, cpc, cpm, cpa, roas computed from the frame's sums."""
    df = df.copy()
    df["ctr"] = _ratio(df["clicks"], df["impressions"])
    df["cpc"] = _ratio(df["spend"], df["clicks"])
    df["cpm"] = _ratio(df["spend"], df["impressions"], 1000.0)
    df["cpa"] = _ratio(df["spend"], df["conversions"])
    df["roas"] = _ratio(df["revenue"], df[ROAS_SPEND] if ROAS_SPEND in df else df["spend"])
    return df


def wilson_interval(
    clicks: pd.Series, impressions: pd.Series, z: float = Z_95
) -> tuple[pd.Series, pd.Series]:
    """95 % Wilson score interval of CTR; (NaN, NaN) without impressions."""
    n = impressions.astype("float64").where(impressions > 0)
    p = (clicks.astype("float64") / n).clip(0, 1)
    denom = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denom
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    return centre - half, centre + half


def ctr_precision(clicks: pd.Series, impressions: pd.Series) -> pd.Series:
    """1 - relative half-width of the Wilson interval, clipped to [0, 1]; 0 without data."""
    low, high = wilson_interval(clicks, impressions)
    centre, half = (low + high) / 2, (high - low) / 2
    return (1 - half / centre).clip(0, 1).fillna(0.0)


def confidence(clicks: pd.Series, impressions: pd.Series, n_creatives: pd.Series) -> pd.Series:
    """precision x breadth, see the module docstring."""
    n = n_creatives.astype("float64").clip(lower=0)
    return (ctr_precision(clicks, impressions) * n / (n + BREADTH_K)).clip(0, 1)


def creative_summary(perf: pd.DataFrame) -> pd.DataFrame:
    """One row per creative: sums over its rows, its ABCD/persona attributes, ratios, precision.

    Attributes are the creative's (taken from its first row), not re-grouped per row: a
    creative has one persona, one scene, one format.
    """
    grouped = perf.groupby("creative_name", sort=True, observed=True)
    sums = grouped[["impressions", "clicks", "spend", "conversions", ROAS_SPEND]].sum()
    sums["revenue"] = grouped["revenue"].sum(min_count=1)
    attrs = grouped[["company_slug", *DIMENSIONS]].first()
    dates = grouped.agg(first_date=("date_start", "min"), last_date=("date_end", "max"))
    out = add_ratios(pd.concat([attrs, sums, dates], axis=1))
    out["precision"] = ctr_precision(out["clicks"], out["impressions"])
    return out
