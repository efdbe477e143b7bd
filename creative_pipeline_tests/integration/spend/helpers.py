"""Shared steps of the spend-safely tests: a company on the simulator, one stage with its error."""

from __future__ import annotations

from dagster import AssetKey, DagsterInstance, materialize

from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.gemini.models import catalog
from creative_pipeline.services.run_company import run_chain
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import add_company, site_settings
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator


def sim_settings(settings: Settings, sim: GeminiSimulator, site: str, **changes: object) -> Settings:
    return site_settings(
        settings, site, gemini_api_key="sim-key", gemini_base_url=sim.base_url, gemini_backoff_base_s=0.05,
        **changes,
    )


PRIMARY, FALLBACK = catalog.DEFAULT_TEXT_MODEL, catalog.DEFAULT_CHEAP_TEXT_MODEL


def fallback_resources(settings: Settings, sim: GeminiSimulator, site: str) -> dict:
    """Resources on the simulator with the cheap text model as the primary's fallback."""
    return build_resources(sim_settings(settings, sim, site, gemini_text_fallback_models=[FALLBACK]))


def company_with_personas(db: Database, site: str, name: str, instance: DagsterInstance, resources: dict, **kw):
    company = add_company(db, site, name=name, **kw)
    result = run_chain(company.slug, ["company_context", "personas"], instance=instance, resources=resources)
    assert all(ok for _, _, ok in result), result
    return company


def run_stage(slug: str, stage: str, instance: DagsterInstance, resources: dict) -> tuple[bool, str]:
    """(success, the step's failure message) of one stage's run."""
    from creative_pipeline.definitions import defs
    from creative_pipeline.partitions import company_partitions

    if not instance.has_dynamic_partition(company_partitions.name, slug):
        instance.add_dynamic_partitions(company_partitions.name, [slug])
    result = materialize(
        [*defs.assets, *defs.asset_checks], selection=[stage], partition_key=slug, instance=instance,  # type: ignore[misc]
        resources=resources, raise_on_error=False,
        run_config={"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}},
    )
    return result.success, failure_message(result)


def failure_message(result) -> str:
    """Every step failure's description and error chain, as an operator reads it in the UI."""
    message = ""
    for event in [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]:
        error = event.event_specific_data.error  # type: ignore[union-attr]
        message += (event.event_specific_data.user_failure_data.description or "") if getattr(  # type: ignore[union-attr]
            event.event_specific_data, "user_failure_data", None) else ""
        while error is not None:
            message += " " + error.message
            error = error.cause
    return message


def ledger(db: Database, company_id) -> list[dict]:
    with db.transaction() as conn:
        return conn.execute("select * from api_usage where company_id = %s order by created_at", (company_id,)).fetchall()


def text_requests(sim: GeminiSimulator) -> int:
    return len(sim.requests_for("generateContent"))


def rows(db: Database, sql: str, company_id) -> list[dict]:
    with db.transaction() as conn:
        return conn.execute(sql, (company_id,)).fetchall()


def metadata(instance: DagsterInstance, asset: str) -> dict:
    """The latest materialization's metadata of `asset`, as plain values."""
    event = instance.get_latest_materialization_event(AssetKey(asset))
    assert event is not None
    return {k: v.value for k, v in event.asset_materialization.metadata.items()}
