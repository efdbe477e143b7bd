"""Media tests start from a company whose generation chain (through creative_briefs) has run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from dagster import DagsterEventType, DagsterInstance

from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.domain.company import Company
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.settings import Settings
from creative_pipeline_tests.conftest import add_company, site_settings

GENERATION = stage_names("creative_briefs")


@dataclass
class Briefed:
    company: Company
    settings: Settings
    resources: dict[str, Any]
    instance: DagsterInstance
    db: Database

    def run(self, *stages: str, resources: dict[str, Any] | None = None) -> list[tuple[str, float, bool]]:
        return run_chain(self.company.slug, list(stages), instance=self.instance, resources=resources or self.resources)


def media_rows(db: Database, company_id, kind: str | None = None) -> list[dict]:
    with db.transaction() as conn:
        return conn.execute(
            "select * from assets where company_id = %s and kind in ('image', 'ad', 'thumbnail', 'video', 'contact_sheet') "
            "and (%s::text is null or kind = %s) order by kind, creative_name, variant, placement",
            (company_id, kind, kind),
        ).fetchall()


def last_metadata(instance: DagsterInstance, asset: str) -> dict[str, Any]:
    from dagster import AssetKey

    event = instance.get_latest_materialization_event(AssetKey(asset))
    assert event is not None
    return {k: v.value for k, v in event.asset_materialization.metadata.items()}


def check_results(instance: DagsterInstance, run_id: str | None = None) -> dict[str, tuple[bool, Any]]:
    """check name -> (passed, severity) of the latest evaluation of each check."""
    found: dict[str, tuple[bool, Any]] = {}
    for run in reversed(instance.get_runs()):  # oldest first: later evaluations overwrite
        if run_id and run.run_id != run_id:
            continue
        for e in instance.all_logs(run.run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION):
            data = e.dagster_event.event_specific_data
            found[data.check_name] = (data.passed, data.severity)
    return found


@pytest.fixture
def briefed(clean_db: Database, settings: Settings, sample_site: str, dagster_instance: DagsterInstance) -> Briefed:
    """An offline company with briefs; storage in the test's own folder."""
    company = add_company(clean_db, sample_site, name="Brightbrew Coffee")
    s = site_settings(settings, sample_site)
    resources = build_resources(s)
    ready = Briefed(company, s, resources, dagster_instance, clean_db)
    assert all(ok for _, _, ok in ready.run(*GENERATION)), "generation chain failed"
    return ready


def materialize_stage(ready: Briefed, stage: str, config: dict[str, Any] | None = None,
                      resources: dict[str, Any] | None = None) -> Any:
    """One stage with run config (run_chain has none): how the review command and the UI launch it."""
    from dagster import materialize

    from creative_pipeline.definitions import defs

    return materialize(
        [*defs.assets, *defs.asset_checks], selection=[stage], partition_key=ready.company.slug, instance=ready.instance,
        resources=resources or ready.resources, run_config={"ops": {stage: {"config": config}}} if config else None,
        raise_on_error=False,
    )
