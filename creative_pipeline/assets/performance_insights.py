"""Performance insights: what wins in the imported ad results, one daily partition per period end.

Partition key = the last day of the period (UTC); the period is the `period_days` ending that
day. Reads every matched performance row of the period, computes tiers, effectiveness by persona
and ABCD dimension (with confidence), a leaderboard, cost efficiency and the week-over-week CTR
trend — for the portfolio and for each company — replaces that day's rows in `insights`, and
stores two charts next to the creatives. `daily_insights_schedule` fills yesterday's partition
at 02:00 UTC, `insights_refresh_sensor` re-fills it when an import lands, and any day can be
backfilled from the UI.
"""

import base64
from datetime import date, timedelta

from dagster import (
    AllPartitionMapping,
    AssetDep,
    AssetExecutionContext,
    Config,
    MaterializeResult,
    MetadataValue,
    asset,
)

from creative_pipeline.assets.media_support import link
from creative_pipeline.assets.support import md_table
from creative_pipeline.domain.performance import INSIGHTS_PERIOD_DAYS
from creative_pipeline.partitions import insights_day_partitions
from creative_pipeline.performance.insights.by_company import insights_by_company
from creative_pipeline.performance.insights.charts import abcd_heatmap_png, ctr_trend_png
from creative_pipeline.performance.matching import with_abcd_columns
from creative_pipeline.resources.supabase.repositories.insights import load_performance, replace_insights
from creative_pipeline.resources.supabase.resource import SupabaseResource


class InsightsConfig(Config):
    """The period's length; its end is the partition's day."""

    period_days: int = INSIGHTS_PERIOD_DAYS


def _period(partition_key: str, period_days: int) -> tuple[date, date]:
    end = date.fromisoformat(partition_key)
    return end - timedelta(days=period_days - 1), end


def _inline_png(png: bytes, alt: str) -> str:
    return f"![{alt}](data:image/png;base64,{base64.b64encode(png).decode()})"


@asset(
    partitions_def=insights_day_partitions, group_name="performance", kinds={"pandas", "postgres"},
    # every import partition feeds every day's insights (the period is read from the table)
    deps=[AssetDep("performance_data", partition_mapping=AllPartitionMapping())],
    description="What wins across imported ad results (personas, ABCD scene/action/driver/format, tiers, "
                "leaderboard, cost, weekly CTR trend), for the portfolio and per company; one partition "
                "per period end day (UTC).",
)
def performance_insights(context: AssetExecutionContext, config: InsightsConfig, supabase: SupabaseResource) -> MaterializeResult:
    db = supabase.db()
    start, end = _period(context.partition_key, config.period_days)
    with db.transaction() as conn:
        perf = with_abcd_columns(load_performance(conn, start, end))
    report, rows = insights_by_company(perf, start, end)
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
            "companies": int(perf["company_id"].nunique()) if len(perf) else 0,
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
