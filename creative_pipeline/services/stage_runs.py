"""Stage states as the studio shows them: every stage of the company chain, in order, with its
latest attempt from `stage_runs` ("not run" where there is none), for the live status view."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from pydantic import BaseModel

from creative_pipeline.domain.stage_run import COMPANY_STAGES, StageRun
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.stage_runs import latest_stage_runs, latest_stage_runs_by_company
from creative_pipeline.services.studio_access import Viewer, reader, visible_company


class StageState(BaseModel):
    """One stage of one company: `status` is "not run" until its first attempt."""

    stage: str
    status: str
    run_id: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    error: str | None = None
    spend_usd: float = 0.0


def states_from(latest: dict[str, StageRun]) -> list[StageState]:
    extra = sorted(set(latest) - set(COMPANY_STAGES))  # a stage added later still shows
    out = []
    for stage in [*COMPANY_STAGES, *extra]:
        run = latest.get(stage)
        out.append(StageState(stage=stage, status="not run") if run is None else StageState(
            stage=stage, status=run.status, run_id=run.run_id, started_at=run.started_at,
            finished_at=run.finished_at, error=run.error, spend_usd=run.spend_usd))
    return out


def stage_states(db: Database, viewer: Viewer, key: str) -> list[StageState]:
    """The company's stages as the viewer may see them (UnknownCompany when they may not)."""
    company = visible_company(db, viewer, key)
    with reader(db, viewer).transaction() as conn:
        return states_from(latest_stage_runs(conn, company.id))


def all_stage_states(db: Database, viewer: Viewer) -> dict[str, list[StageState]]:
    """partition key -> stage states, for every company the viewer may see that has run."""
    with reader(db, viewer).transaction() as conn:
        latest = latest_stage_runs_by_company(conn)
    return {slug: states_from(runs) for slug, runs in latest.items()}


def last_run(states: list[StageState]) -> StageState | None:
    """The most recently started attempt of any stage."""
    started = [s for s in states if s.started_at is not None]
    return max(started, key=lambda s: s.started_at) if started else None  # type: ignore[arg-type, return-value]


def dagster_partition_url(dagster_ui_url: str, key: str, stage: str = "winners") -> str:
    """The company's partition of a stage in the Dagster UI (the operators' view of the same runs)."""
    return f"{dagster_ui_url.rstrip('/')}/assets/{stage}?view=partitions&partition={quote(key)}"


def dagster_run_url(dagster_ui_url: str, run_id: str) -> str:
    return f"{dagster_ui_url.rstrip('/')}/runs/{quote(run_id)}"
