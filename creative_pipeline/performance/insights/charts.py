"""PNG charts for the materialization metadata: weekly CTR trend and an ABCD CTR heatmap.

Figures are built with `matplotlib.figure.Figure` on the Agg canvas, never through pyplot:
no global state, no GUI backend, safe in Dagster's threaded and forked executors. An empty
input still renders a labelled "no data" image, so metadata never points at a missing chart.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_DPI = 110
_ABCD_LABELS = {"scene_setting": "A1: scene setting", "scene_subject": "A2: scene subject",
                "action": "B: action", "driver": "C: driver", "format": "D: format"}


def _figure(**kwargs: object) -> Figure:
    """matplotlib is imported here, not at module load: it costs ~0.35 s and every run worker and CLI
    process loads this module with the definitions, while only the insights step draws."""
    from matplotlib.figure import Figure

    return Figure(**kwargs)


def _png(fig: Figure) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=_DPI, bbox_inches="tight")
    return buf.getvalue()


def _empty(title: str, message: str) -> bytes:
    fig = _figure(figsize=(6, 3))
    ax = fig.add_subplot()
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=12, color="grey")
    ax.set_axis_off()
    return _png(fig)


def ctr_trend_png(trend_df: pd.DataFrame) -> bytes:
    """Line chart of weekly CTR (%) with the week-over-week change written at each point."""
    title = "CTR by ISO week (week-over-week change)"
    data = trend_df.dropna(subset=["ctr"]) if not trend_df.empty else trend_df
    if data.empty:
        return _empty(title, "no impressions in this period")
    fig = _figure(figsize=(max(6.0, 0.8 * len(trend_df) + 2), 3.8))
    ax = fig.add_subplot()
    x = np.arange(len(trend_df))
    ax.plot(x, trend_df["ctr"].astype(float) * 100, marker="o", color="#1f77b4", linewidth=2)
    for xi, ctr, change in zip(x, trend_df["ctr"], trend_df["ctr_change_pct"]):
        if pd.notna(ctr) and pd.notna(change):
            colour = "#2ca02c" if change >= 0 else "#d62728"
            ax.annotate(f"{change:+.1f}%", (xi, ctr * 100), textcoords="offset points", xytext=(0, 8),
                        ha="center", fontsize=8, color=colour)
    ax.set_xticks(x, trend_df["iso_week"].astype(str), rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("CTR (%)")
    ax.set_xlabel("ISO week (rows attributed to the week they start in)")
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    peak = float(np.nanmax(trend_df["ctr"].astype(float))) * 100
    ax.set_ylim(0, peak * 1.2 if peak > 0 else 1.0)  # weeks without clicks: a flat line, not a singular axis
    ax.margins(x=0.08)
    return _png(fig)


def abcd_heatmap_png(perf: pd.DataFrame, rows: str = "driver", cols: str = "format") -> bytes:
    """Heatmap of CTR for each `rows` x `cols` pair (driver x format by default), annotated
    with the CTR and the number of creatives behind it; empty cells mean no delivery.
    """
    title = f"CTR by {rows.replace('_', ' ')} × {cols.replace('_', ' ')}"
    if perf.empty:
        return _empty(title, "no performance data")
    keys = [perf[rows].astype(object).fillna("(unknown)"), perf[cols].astype(object).fillna("(unknown)")]
    grouped = perf[["impressions", "clicks"]].astype("float64").groupby(keys).sum()
    n = perf.groupby(keys)["creative_name"].nunique()
    ctr = (grouped["clicks"] / grouped["impressions"]).where(grouped["impressions"] > 0)
    table = ctr.unstack(cols).sort_index().sort_index(axis=1)
    counts = n.unstack(cols).reindex_like(table)
    if table.notna().sum().sum() == 0:
        return _empty(title, "no impressions in this period")
    values = table.to_numpy(dtype=float) * 100
    fig = _figure(figsize=(1.3 * table.shape[1] + 3, 0.6 * table.shape[0] + 2))
    ax = fig.add_subplot()
    image = ax.imshow(np.ma.masked_invalid(values), cmap="YlGn", aspect="auto")
    fig.colorbar(image, ax=ax, label="CTR (%)")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], rotation=30, ha="right")
    ax.set_yticks(range(table.shape[0]), [str(r) for r in table.index])
    ax.set_xlabel(_ABCD_LABELS.get(cols, cols.replace("_", " ")))
    ax.set_ylabel(_ABCD_LABELS.get(rows, rows.replace("_", " ")))
    high = np.nanmax(values)
    for i in range(table.shape[0]):
        for j in range(table.shape[1]):
            if np.isfinite(values[i, j]):
                colour = "white" if values[i, j] > 0.6 * high else "black"
                ax.text(j, i, f"{values[i, j]:.2f}%\nn={int(counts.iat[i, j])}", ha="center",
                        va="center", fontsize=8, color=colour)
    ax.set_title(title)
    return _png(fig)
