"""script_scores with real pytrends against the local Google-Trends-protocol simulator."""

from dagster import AssetKey, DagsterInstance

from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.trends.resource import TrendsResource
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import add_company, site_settings
from creative_pipeline_tests.integration.pipeline.test_gemini_chain import gemini_settings
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator
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


def test_trends_requests_per_company_stay_bounded_with_model_written_keywords(
    clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance,
    gemini_simulator: GeminiSimulator,
) -> None:
    """Through the Gemini simulator every script carries its own keywords (about 300 distinct per
    company): Trends is asked for a bounded set of them, in few anchored batches."""
    company = add_company(clean_db, sample_site, name="Many Keywords Co")
    with running_trends_simulator() as trends:
        resources = build_resources(gemini_settings(settings, gemini_simulator, sample_site))
        resources["trends"] = TrendsResource(backend="pytrends", base_url=trends.base_url, min_interval_s=0.0,
                                             backoff_base_s=0.05)
        result = run_chain(company.slug, stage_names("script_scores"), instance=dagster_instance, resources=resources)
        assert all(ok for _, _, ok in result), result
        batches = [r for r in trends.requests if r.endpoint == "explore"]
        print(f"\nTrends per company: {len(batches)} batches, {len(trends.requests)} HTTP requests")
        asked = {k for r in batches for k in r.keywords}
    assert len(batches) <= 6 and len(trends.requests) <= 2 * 6 + 1  # a cookie, then explore + multiline per batch
    assert len(asked) <= 25
    anchors = {r.keywords[0] for r in batches[1:]}
    assert len(anchors) <= 1  # every later batch shares one anchor keyword, so all batches compare
    event = dagster_instance.get_latest_materialization_event(AssetKey("script_scores"))
    meta = event.asset_materialization.metadata
    assert meta["trend_keywords_asked"].value == len(asked)
    assert 0 < meta["scripts_with_real_trend"].value <= 100
    with clean_db.transaction() as conn:
        trends_by_script = [r["trend"] for r in conn.execute(
            "select trend from scores where company_id = %s and trend_status <> 'unavailable'", (company.id,))]
    assert len(trends_by_script) == 100 and len({round(t, 1) for t in trends_by_script}) > 5
