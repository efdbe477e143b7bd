"""Jobs: the company chain (what the sensor launches) and its pieces."""

from __future__ import annotations

from dagster import AssetSelection, define_asset_job

GENERATION = AssetSelection.groups("generation")

company_pipeline_job = define_asset_job(
    "company_pipeline",
    selection=GENERATION,
    description="The whole chain for one company, from its website to the creative briefs.",
    tags={"pipeline": "company"},
)
