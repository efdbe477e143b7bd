"""Jobs: the company chain (what the sensor launches), its pieces, the performance import and the
daily insights (partitions inferred from the assets: per import, per day).

Job names follow one pattern, `<subject>_<what it makes>`: company_pipeline, company_videos,
performance_import, performance_insights_daily; the Python names add `_job`."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job

#: every run says who launched it: cli, demo, studio (services/runs.py), sensor or schedule (triggers)
LAUNCHED_BY = "creative_pipeline/launched_by"


def launched_by_tags(launcher: str) -> dict[str, str]:
    """The tag a run carries to say who started it; the runs page filters on it."""
    return {LAUNCHED_BY: launcher}

GENERATION = AssetSelection.groups("generation")
IMAGES = AssetSelection.assets("ad_images")
VIDEOS = AssetSelection.assets("ad_videos")

company_pipeline_job = define_asset_job(
    "company_pipeline",
    selection=GENERATION | IMAGES | VIDEOS,
    description="The whole chain for one company, from its website to images and (approved) videos. "
                "With the approval gate on, ad_videos renders nothing until someone approves.",
    tags={"pipeline": "company"},
)

company_videos_job = define_asset_job(
    "company_videos",
    selection=VIDEOS,
    description="Videos for the approved top winners (what video_approvals_sensor launches).",
    tags={"pipeline": "videos"},
)

performance_import_job = define_asset_job(
    "performance_import",
    selection=AssetSelection.assets("performance_data"),
    description="One uploaded ad-platform export imported into performance_data (one partition per import; "
                "what performance_uploads_sensor and `creative-pipeline import-performance` launch).",
    tags={"pipeline": "performance"},
)

performance_insights_daily_job = define_asset_job(
    "performance_insights_daily",
    selection=AssetSelection.assets("performance_insights"),
    description="Insights for one day's period over every imported ad result (what daily_insights_schedule, "
                "insights_refresh_sensor and `creative-pipeline insights` launch; backfill days from the UI).",
    tags={"pipeline": "performance"},
)

creative_revisions_job = define_asset_job(
    "creative_revisions",
    selection=AssetSelection.assets("brief_revisions"),
    description="The briefs reviewers sent back (YELLOW with feedback, RED re-roll) regenerated for one company "
                "(what brief_revisions_sensor launches after the studio stores the decision).",
    tags={"pipeline": "review"},
)
