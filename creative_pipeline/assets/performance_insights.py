"""Performance insights: what wins across all imported ad results (not company-partitioned).

Reads every matched performance row of the period, computes tiers, effectiveness by persona and
ABCD dimension (with confidence), a leaderboard, cost efficiency and the week-over-week CTR
trend, replaces the period's rows in `insights`, and stores two charts next to the creatives.
"""

import base64
from datetime import date, datetime, timedelta, timezone

from dagster import AssetExecutionContext, Config, MaterializeResult, MetadataValue, asset

from creative_pipeline.assets.media_support import link
from creative_pipeline.assets.support import md_table
from creative_pipeline.performance.insights.charts import abcd_heatmap_png, ctr_trend_png
from creative_pipeline.performance.insights.report import build_insights
from creative_pipeline.performance.matching import with_abcd_columns
from creative_pipeline.resources.supabase.repositories.performance import (
    latest_matched_day,
    load_performance,
    replace_insights,
)
from creative_pipeline.resources.supabase.resource import SupabaseResource


class InsightsConfig(Config):
    """`end_date` empty = the latest day with data (on demand) — the schedule passes yesterday."""

    end_date: str = ""
    period_days: int = 28


def _period(config: InsightsConfig, latest: date | None) -> tuple[date, date]:
    end = date.fromisoformat(config.end_date) if config.end_date else (latest or datetime.now(timezone.utc).date())
    return end - timedelta(days=config.period_days - 1), end


def _inline_png(png: bytes, alt: str) -> str:
    return f"![{alt}](data:image/png;base64,{base64.b64encode(png).decode()})"


@asset(group_name="performance", kinds={"pandas", "postgres"})
def performance_insights(context: AssetExecutionContext, config: InsightsConfig, supabase: SupabaseResource) -> MaterializeResult:
    db = supabase.db()
    with db.transaction() as conn:
        start, end = _period(config, latest_matched_day(conn))
        perf = with_abcd_columns(load_performance(conn, start, end))
    report = build_insights(perf, start, end)
    rows = [r.model_dump() for r in report.insights]
    with db.transaction() as conn:
        replace_insights(conn, start, end, rows)
    trend_png, heatmap_png = ctr_trend_png(report.trend), abcd_heatmap_png(perf)
    storage = supabase.storage()
    paths = {}
    for name, png in (("ctr_trend", trend_png), ("abcd_heatmap", heatmap_png)):
        stored = storage.put(f"_insights/{end:%Y%m%d}/{name}.png", png, "image/png")
        paths[name] = link(storage, stored.path, supabase.signed_url_ttl_s)  # the insights are committed: a link is a nicety
    board = report.leaderboard.head(20)
    effect = report.effectiveness.sort_values(["dimension", "ctr"], ascending=[True, False])
    context.log.info(f"{len(perf)} performance rows, {len(rows)} insights for {start}..{end}")
    return MaterializeResult(
        metadata={
            "period": f"{start} .. {end}",
            "performance_rows": len(perf),
            "creatives": int(report.summary.get("n_creatives") or 0),
            "insights": len(rows),
            "summary": MetadataValue.json({k: (round(v, 6) if isinstance(v, float) else v) for k, v in report.summary.items()}),
            "leaderboard": MetadataValue.md(md_table(list(board.columns), board.round(4).values.tolist())),
            "effectiveness": MetadataValue.md(md_table(
                ["dimension", "key", "ctr", "lift", "confidence", "impressions", "creatives"],
                [[r.dimension, r.key, round(r.ctr, 4), round(r.ctr_lift, 3), round(r.confidence, 2),
                  int(r.impressions), int(r.n_creatives)] for r in effect.itertuples()],
            )),
            "ctr_trend_chart": MetadataValue.md(_inline_png(trend_png, "CTR week over week")),
            "abcd_heatmap": MetadataValue.md(_inline_png(heatmap_png, "CTR by driver x format")),
            "chart_links": MetadataValue.json(paths),
        }
    )
