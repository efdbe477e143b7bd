"""The demo's last act: ad results come back. A SYNTHETIC Meta export for the sample company's
creatives is written next to the data, imported like a real one, and insights are computed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from creative_pipeline.demo.sample_export import synthetic_meta_export
from creative_pipeline.services.insights import creative_names, top_performers
from creative_pipeline.services.performance import import_export, refresh_insights
from creative_pipeline.services.runtime import progress, settings


def feedback_loop(slug: str, resources: dict) -> bool:
    names = creative_names(slug)
    yesterday = datetime.now(timezone.utc).date() - timedelta(days=1)
    path = settings().data_dir / "demo" / "meta_ads_export_SYNTHETIC.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(synthetic_meta_export(names, yesterday, days=14))
    report = import_export(path.read_bytes(), path.name, "auto", resources=resources, source="demo", launched_by="demo")
    progress(f"  imported {path} (synthetic: made-up numbers, real Meta format): {report.rows_read} rows read, "
             f"{report.matched_rows} matched, {report.unmatched_rows} unmatched "
             f"({', '.join(report.unmatched_ad_names) or '-'}), {report.skipped_summary_rows} totals row skipped")
    outcome = refresh_insights(resources=resources, launched_by="demo")
    if outcome.note:
        progress(f"  {outcome.note}")
    progress(f"  performance_insights partition {outcome.day} (run {outcome.run_id[:8]}, job performance_insights_daily)")
    if not outcome.success:
        progress(f"  performance_insights failed: {outcome.error}")
        return False
    top = top_performers(limit=5)
    progress("  insights: top performers by CTR lift (confidence):")
    for row in top:
        progress(f"    {row.dimension or '':<14} {row.key:<24} lift {row.value:+.0%}  ({row.confidence:.2f})")
    progress("  more: creative-pipeline insights; charts in the performance_insights materialization (make dev)")
    return True
