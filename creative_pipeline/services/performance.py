"""Performance use-cases for the CLI and the demo: import an export, refresh insights.

Both go through the asset graph with the real Dagster machinery: an import is a partition of
`performance_data` (the file is stored in the exports bucket first, as an upload would be, so
the run can be re-executed from the UI), insights are a day partition of `performance_insights`.
Runs are launched the one way (`services/runs.py`): in-process under the defined jobs
(`performance_import`, `performance_insights_daily`), tagged with who launched them, so they show in
the UI under those names, on the timeline.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from creative_pipeline.domain.performance import INSIGHTS_PERIOD_DAYS
from creative_pipeline.resources.supabase.buckets import EXPORTS_BUCKET
from creative_pipeline.partitions import insights_day_partitions, performance_import_partitions
from creative_pipeline.performance.models import ImportReport, PlatformChoice
from creative_pipeline.resources.supabase.repositories.insights import latest_matched_day
from creative_pipeline.resources.supabase.repositories.performance import create_import, import_report
from creative_pipeline.services.runs import Launcher, launch
from creative_pipeline.services.runtime import resources as default_resources

if TYPE_CHECKING:
    from dagster import DagsterInstance


class InsightsRun(BaseModel):
    """What `refresh_insights` did: the day partition it materialized and whether it succeeded."""

    day: date
    success: bool
    run_id: str
    note: str = ""
    error: str | None = None  # the failure's own description when it failed


def _supabase(resources: dict[str, Any]):
    """The supabase resource with its config resolved (secrets arrive as EnvVar, which only a run
    or this call resolves), for the reads and writes a use-case does around its run."""
    return resources["supabase"].process_config_and_initialize()


def import_export(
    data: bytes, file_name: str, platform: PlatformChoice, *, instance: DagsterInstance | None = None,
    resources: dict[str, Any] | None = None, source: str = "cli", launched_by: Launcher = "cli",
) -> ImportReport:
    """Store the file in the exports bucket, record a pending import, add its partition and
    materialize it under the `performance_import` job; the report is the one the run stored."""
    from creative_pipeline.services.runtime import dagster_instance

    instance = instance or dagster_instance()
    supabase = _supabase(resources or default_resources())
    sha = hashlib.sha256(data).hexdigest()
    path = f"{source}/{sha[:16]}/{file_name}"
    supabase.storage(EXPORTS_BUCKET).put(path, data, "text/csv")
    with supabase.db().transaction() as conn:
        import_id = create_import(conn, platform, source, file_name, sha, path, status="pending")
    key = str(import_id)
    instance.add_dynamic_partitions(performance_import_partitions.name, [key])
    result = launch("performance_import", launched_by=launched_by, partition_key=key, instance=instance,
                    resources=resources, tags={"performance_import": key, "file": file_name[:60], "source": source})
    with supabase.db().transaction() as conn:
        stored = import_report(conn, import_id)
    if stored:
        return stored
    return ImportReport(import_id=import_id, file_name=file_name, platform=platform, status="failed",
                        error=f"run {result.run_id} failed before recording a report: {result.error}")


def insights_day(end_date: date | None, latest_with_data: date | None) -> tuple[date, str]:
    """The day partition to materialize: the asked day, else the latest day with data; never
    after the newest complete day (yesterday, UTC), which is the last partition."""
    last = date.fromisoformat(insights_day_partitions.get_last_partition_key() or "")
    first = date.fromisoformat(insights_day_partitions.get_first_partition_key() or "")
    wanted = end_date or latest_with_data or last
    if wanted > last:
        return last, f"{wanted} is not complete yet: insights end on {last}"
    if wanted < first:
        raise ValueError(f"no insights partition for {wanted}: the first day is {first}")
    return wanted, ""


def refresh_insights(
    end_date: date | None = None, period_days: int = INSIGHTS_PERIOD_DAYS, *, instance: DagsterInstance | None = None,
    resources: dict[str, Any] | None = None, launched_by: Launcher = "cli",
) -> InsightsRun:
    """Materialize one day's `performance_insights` partition now (the CLI and the demo do not
    wait for 02:00); by default the latest day with matched results. ValueError for a day before
    the first partition."""
    with _supabase(resources or default_resources()).db().transaction() as conn:
        latest = latest_matched_day(conn)
    day, note = insights_day(end_date, latest)
    result = launch("performance_insights_daily", launched_by=launched_by, partition_key=day.isoformat(),
                    instance=instance, resources=resources,
                    run_config={"ops": {"performance_insights": {"config": {"period_days": period_days}}}})
    return InsightsRun(day=day, success=result.success, run_id=result.run_id, note=note, error=result.error)
