"""script_scores with real pytrends against the local Google-Trends-protocol simulator."""

from dagster import DagsterInstance

from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.trends.resource import TrendsResource
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import add_company, site_settings
from creative_pipeline_tests.simulators.trends_simulator import running_trends_simulator


def test_trend_scores_come_from_trends_and_the_cache_serves_reruns(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance
) -> None:
    company = add_company(clean_db, sample_site, name="Trendy Brew")
    with running_trends_simulator() as trends:
        resources = build_resources(site_settings(settings, sample_site))
        resources["trends"] = TrendsResource(backend="pytrends", base_url=trends.base_url, min_interval_s=0.0,
                                             backoff_base_s=0.05)
        result = run_chain(company.slug, stage_names("script_scores"), instance=dagster_instance, resources=resources)
        assert all(ok for _, _, ok in result), result
        requests_after_first = len(trends.requests)
        assert requests_after_first > 0
        with clean_db.transaction() as conn:
            rows = conn.execute("select trend, trend_status from scores where company_id = %s", (company.id,)).fetchall()
        assert len(rows) == 100 and {r["trend_status"] for r in rows} == {"ok"}
        assert len({round(r["trend"], 1) for r in rows}) > 1  # real variation, not the neutral 50

        rerun = run_chain(company.slug, ["script_scores"], instance=dagster_instance, resources=resources)
        assert all(ok for _, _, ok in rerun)
        assert len(trends.requests) == requests_after_first  # served from trend_cache
        with clean_db.transaction() as conn:
            statuses = {r["trend_status"] for r in conn.execute(
                "select trend_status from scores where company_id = %s", (company.id,))}
        assert statuses == {"cached"}
