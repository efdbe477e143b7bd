"""A company with briefs (offline chain through creative_briefs) and its creative names."""

from datetime import date

import pytest
from dagster import DagsterInstance

from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import add_company, site_settings

END = date(2026, 11, 20)


@pytest.fixture
def briefed_company(clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance):
    company = add_company(clean_db, sample_site, name="Brightbrew Coffee")
    resources = build_resources(site_settings(settings, sample_site))
    result = run_chain(company.slug, stage_names("creative_briefs"), instance=dagster_instance, resources=resources)
    assert all(ok for _, _, ok in result)
    with clean_db.transaction() as conn:
        names = [r["creative_name"] for r in conn.execute(
            "select creative_name from assets where company_id = %s and kind = 'image_brief' "
            "order by (data->>'rank')::int", (company.id,))]
    return company, names, resources
