"""Run a company's stages: the one place the CLI (`run`), the demo and the tests start the chain.

One Dagster run per stage (tagged with a shared `cli_batch`), so progress is visible as it
happens and a failed stage stops the chain with its error. Each run executes the DEFINED job
`company_pipeline` restricted to that stage (its asset checks included), so it is listed in the UI
under `company_pipeline`, on the timeline and re-executable, not as `__ephemeral_asset_job__`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

from dagster import AssetKey, DagsterInstance, Definitions, JobDefinition

from creative_pipeline.jobs import company_pipeline_job
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.build import build_resources
from creative_pipeline.services.runtime import dagster_instance, settings

COMPANY_JOB = company_pipeline_job.name
QUIET = {"loggers": {"console": {"config": {"log_level": "ERROR"}}}}

StageCallback = Callable[[int, int, str, float, bool], None]


def stage_names(through: str | None) -> list[str]:
    """The chain's stages in order, up to and including `through` (all when None).

    Raises ValueError for an unknown stage (the CLI turns it into a refusal)."""
    from creative_pipeline.definitions import PIPELINE_ORDER

    if through is None:
        return list(PIPELINE_ORDER)
    if through not in PIPELINE_ORDER:
        raise ValueError(f"unknown stage {through!r}; stages: {', '.join(PIPELINE_ORDER)}")
    return list(PIPELINE_ORDER[: PIPELINE_ORDER.index(through) + 1])


def _company_job(defs: Definitions, resources: dict[str, Any]) -> JobDefinition:
    """The defined `company_pipeline` job bound to these resources (the CLI's, the demo's or a test's).

    Dagster refuses `resources=` together with `asset_selection=` on an already-bound job, so the
    same assets, checks and job are bound again here; the job keeps its name and selection."""
    return Definitions(
        assets=list(defs.assets or []), asset_checks=list(defs.asset_checks or []),
        jobs=[company_pipeline_job], resources=resources,
    ).resolve_job_def(COMPANY_JOB)


def run_chain(
    slug: str, stages: list[str], *, instance: DagsterInstance | None = None, resources: dict[str, Any] | None = None,
    on_stage: StageCallback | None = None,
) -> list[tuple[str, float, bool]]:
    """Materialize `stages` for one company partition; returns (stage, seconds, success) per stage run."""
    from creative_pipeline.definitions import defs  # builds resources: only when a run starts

    instance = instance or dagster_instance()
    if not instance.has_dynamic_partition(company_partitions.name, slug):
        instance.add_dynamic_partitions(company_partitions.name, [slug])
    resources = resources or build_resources(settings())
    job = _company_job(defs, resources)
    batch = uuid.uuid4().hex[:8]
    done = []
    for i, stage in enumerate(stages, start=1):
        started = time.monotonic()
        result = job.execute_in_process(
            asset_selection=[AssetKey(stage)], partition_key=slug, instance=instance,
            tags={"cli_batch": batch, "company": slug}, raise_on_error=False, run_config=QUIET,
        )
        seconds = time.monotonic() - started
        done.append((stage, seconds, result.success))
        if on_stage:
            on_stage(i, len(stages), stage, seconds, result.success)
        if not result.success:
            break
    return done
