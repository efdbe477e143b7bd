"""The one Definitions object, assembled from the per-domain lists.

Services reach the graph through here (`defs`, `PIPELINE_ORDER`), never through asset modules."""

from dagster import Definitions

from creative_pipeline.assets import GENERATION_ASSETS, MEDIA_ASSETS, PERFORMANCE_ASSETS, PIPELINE_ORDER, REVIEW_ASSETS
from creative_pipeline.checks import GENERATION_CHECKS, MEDIA_CHECKS
from creative_pipeline.jobs import (
    company_pipeline_job,
    company_videos_job,
    creative_revisions_job,
    performance_import_job,
    performance_insights_daily_job,
)
from creative_pipeline.executors import build_executor
from creative_pipeline.resources.build import build_resources
from creative_pipeline.schedules.daily_insights import daily_insights_schedule
from creative_pipeline.sensors.brief_revisions import brief_revisions_sensor
from creative_pipeline.sensors.insights_refresh import insights_refresh_sensor
from creative_pipeline.sensors.interrupted_stages import interrupted_stages_on_cancel, interrupted_stages_on_failure
from creative_pipeline.sensors.new_companies import new_companies_sensor
from creative_pipeline.sensors.performance_uploads import performance_uploads_sensor
from creative_pipeline.sensors.video_approvals import video_approvals_sensor
from creative_pipeline.settings import get_settings

__all__ = ["ASSETS", "CHECKS", "JOBS", "PIPELINE_ORDER", "defs"]

ASSETS = [*GENERATION_ASSETS, *MEDIA_ASSETS, *PERFORMANCE_ASSETS, *REVIEW_ASSETS]
CHECKS = [*GENERATION_CHECKS, *MEDIA_CHECKS]
#: the defined jobs by name: every run, from any door, is one of these (services/runs.py)
JOBS = {job.name: job for job in (company_pipeline_job, company_videos_job, performance_import_job,
                                  performance_insights_daily_job, creative_revisions_job)}

defs = Definitions(
    assets=ASSETS,
    asset_checks=CHECKS,
    jobs=list(JOBS.values()),
    sensors=[new_companies_sensor, video_approvals_sensor, performance_uploads_sensor, insights_refresh_sensor,
             brief_revisions_sensor, interrupted_stages_on_failure, interrupted_stages_on_cancel],
    schedules=[daily_insights_schedule],
    resources=build_resources(get_settings()),
    executor=build_executor(get_settings()),
)
