"""Jobs: the company chain (what the sensor launches), its pieces, and the daily insights."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job

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

performance_insights_job = define_asset_job(
    "performance_insights_job",
    selection=AssetSelection.assets("performance_insights"),
    description="Insights over every imported ad result (what daily_insights_schedule launches).",
)
