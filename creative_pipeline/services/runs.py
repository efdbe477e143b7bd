"""Runs start one way: a DEFINED job of the one `Definitions`, executed in-process on the Dagster
instance (the CLI, the demo, the studio and tests have no daemon to hand a run to), tagged with who
launched it. Sensors and the schedule launch the same jobs through the daemon and tag themselves
(`launched_by_tags`), so the runs page lists every run under its job's name — `company_pipeline`,
`company_videos`, `performance_import`, `performance_insights_daily` — never as
`__ephemeral_asset_job__`.

Tests inject their resources (a test database, the simulator): Dagster binds the resources of a
`Definitions` into each of its assets, and an asset subset of such a job refuses any other resource
("resource with key ... provided to job conflicts with resource provided to assets",
`_ensure_resources_dont_conflict` in dagster/_core/definitions/assets/job/asset_job.py, 1.13.27,
checked 2026-12-04). So with injected resources the same defined job (its name, selection and
tags) is resolved against the unbound assets of the one Definitions (`UnresolvedAssetJobDefinition
.resolve`), which is what `Definitions` itself does for it; no second `Definitions` is built.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel

from creative_pipeline.jobs import launched_by_tags
from creative_pipeline.services.budget_plan import BudgetPlan, plan
from creative_pipeline.services.run_failures import failure_of
from creative_pipeline.services.runtime import dagster_instance

Launcher = Literal["cli", "demo", "studio", "sensor", "schedule", "test"]
COMPANY_JOB = "company_pipeline"
VIDEOS_JOB = "company_videos"


class JobRun(BaseModel):
    """One run of a defined job: where to find it and, when it failed, the failure in its own words."""

    job: str
    run_id: str
    success: bool
    seconds: float
    error: str | None = None  # the failure's own description (what and what to do), one paragraph
    trace: str | None = None  # the stack trace (the run's logs have it too): shown behind --verbose


class StageRun(JobRun):
    """One stage of a company's chain (one run of `company_pipeline` restricted to that stage)."""

    stage: str


def console(verbose: bool) -> dict[str, Any]:
    """Dagster's console logger for an in-process run: silent unless --verbose, so only the
    project's progress lines reach the terminal; every event still lands in the run's logs."""
    return {"loggers": {"console": {"config": {"log_level": "DEBUG" if verbose else "CRITICAL"}}}}


def defined_job(name: str, resources: dict[str, Any] | None = None):
    """The defined job `name`, bound to `resources` when a caller injects its own (see the module
    docstring for why that resolves the same job against the unbound assets)."""
    from creative_pipeline.definitions import ASSETS, CHECKS, JOBS, defs  # builds resources: only when a run starts

    if resources is None:
        return defs.resolve_job_def(name)
    from dagster._core.definitions.assets.graph.asset_graph import AssetGraph

    return JOBS[name].resolve(asset_graph=AssetGraph.from_assets([*ASSETS, *CHECKS]), resource_defs=resources)


def launch(
    job: str, *, launched_by: Launcher, partition_key: str | None = None, stages: list[str] | None = None,
    run_config: dict[str, Any] | None = None, tags: dict[str, str] | None = None, instance=None,
    resources: dict[str, Any] | None = None, verbose: bool = False,
) -> JobRun:
    """Execute the defined job (restricted to `stages` when given) and report it; never raises for
    a failed run — the failure's description is in `error`, its trace in the run's logs."""
    from dagster import AssetKey

    instance = instance or dagster_instance()
    started = time.monotonic()
    result = defined_job(job, resources).execute_in_process(
        partition_key=partition_key, instance=instance, raise_on_error=False,
        asset_selection=[AssetKey(s) for s in stages] if stages else None,
        run_config={**console(verbose), **(run_config or {})}, tags={**(tags or {}), **launched_by_tags(launched_by)},
    )
    error, trace = (None, None) if result.success else failure_of(result)
    return JobRun(job=job, run_id=result.run_id, success=result.success, seconds=time.monotonic() - started,
                  error=error, trace=trace)


def stage_names(through: str | None = None) -> list[str]:
    """The chain's stages in order, up to and including `through` (all when None).

    Raises ValueError for an unknown stage (the CLI turns it into a refusal)."""
    from creative_pipeline.definitions import PIPELINE_ORDER

    if through is None:
        return list(PIPELINE_ORDER)
    if through not in PIPELINE_ORDER:
        raise ValueError(f"unknown stage {through!r}; stages: {', '.join(PIPELINE_ORDER)}")
    return list(PIPELINE_ORDER[: PIPELINE_ORDER.index(through) + 1])


StageCallback = Callable[[int, int, StageRun], None]


def run_stages(
    slug: str, stages: list[str], *, launched_by: Launcher, instance=None, resources: dict[str, Any] | None = None,
    on_stage: StageCallback | None = None, verbose: bool = False,
) -> list[StageRun]:
    """Materialize `stages` for one company, one `company_pipeline` run per stage (sharing a
    `cli_batch` tag) so progress shows as each finishes and a failed stage stops the chain."""
    from creative_pipeline.partitions import company_partitions

    instance = instance or dagster_instance()
    if not instance.has_dynamic_partition(company_partitions.name, slug):
        instance.add_dynamic_partitions(company_partitions.name, [slug])
    batch = uuid.uuid4().hex[:8]
    done: list[StageRun] = []
    for i, stage in enumerate(stages, start=1):
        run = launch(COMPANY_JOB, launched_by=launched_by, partition_key=slug, stages=[stage], instance=instance,
                     resources=resources, verbose=verbose, tags={"cli_batch": batch, "company": slug})
        done.append(StageRun(**run.model_dump(), stage=stage))
        if on_stage:
            on_stage(i, len(stages), done[-1])
        if not run.success:
            break
    return done


class CompanyRun(BaseModel):
    """`start_company_run`'s answer: the company, what was asked, the budget plan, and the stage runs
    (none when the budget could not cover the stages asked for: `plan.refusal()` says why)."""

    company: str
    provider: str
    asked: list[str]
    plan: BudgetPlan
    stages: list[StageRun]

    @property
    def refused(self) -> bool:
        return not self.plan.enough

    @property
    def success(self) -> bool:
        return not self.refused and all(s.success for s in self.stages) and len(self.stages) == len(self.asked)

    @property
    def failed(self) -> StageRun | None:
        return next((s for s in self.stages if not s.success), None)


def start_company_run(
    key: str, through: str | None = None, *, launched_by: Launcher, instance=None,
    resources: dict[str, Any] | None = None, on_start: Callable[[CompanyRun], None] | None = None,
    on_stage: StageCallback | None = None, verbose: bool = False,
) -> CompanyRun:
    """Run a company's chain (up to `through`) after checking, before any paid call, that its budget
    covers the stages asked for. UnknownCompany / ValueError (unknown stage) before anything runs."""
    from creative_pipeline.services.companies import get_company
    from creative_pipeline.services.estimate import estimate

    company = get_company(key)
    asked = stage_names(through)
    budget = plan(estimate(company.slug), asked)
    run = CompanyRun(company=company.slug, provider=budget.provider, asked=asked, plan=budget, stages=[])
    if on_start:
        on_start(run)
    if run.refused:
        return run
    run.stages = run_stages(company.slug, asked, launched_by=launched_by, instance=instance, resources=resources,
                            on_stage=on_stage, verbose=verbose)
    return run
