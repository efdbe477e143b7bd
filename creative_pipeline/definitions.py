"""The one Definitions object, assembled from the per-domain lists."""

from dagster import Definitions

from creative_pipeline.assets import GENERATION_ASSETS
from creative_pipeline.checks.generation_checks import GENERATION_CHECKS
from creative_pipeline.jobs import company_pipeline_job
from creative_pipeline.resources.build import build_resources
from creative_pipeline.sensors.new_companies import new_companies_sensor
from creative_pipeline.settings import get_settings

defs = Definitions(
    assets=[*GENERATION_ASSETS],
    asset_checks=[*GENERATION_CHECKS],
    jobs=[company_pipeline_job],
    sensors=[new_companies_sensor],
    resources=build_resources(get_settings()),
)
