"""`run COMPANY [--through STAGE]`: materialize a company's chain in-process, stage by stage.

One Dagster run per stage (tagged with a shared `cli_batch`), so progress is visible as it
happens and a failed stage stops the chain with its error; every run shows in the UI.
"""

from __future__ import annotations

import argparse
import time
import uuid
from collections.abc import Callable

from dagster import DagsterInstance, materialize

from creative_pipeline.cli.runtime import dagster_instance, database, fail, progress, settings
from creative_pipeline.cli.summary import print_summary
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.repositories.companies import UnknownCompany, get_company


def stage_names(through: str | None) -> list[str]:
    from creative_pipeline.assets import PIPELINE_ORDER

    if through is None:
        return list(PIPELINE_ORDER)
    if through not in PIPELINE_ORDER:
        fail(f"unknown stage {through!r}; stages: {', '.join(PIPELINE_ORDER)}")
    return list(PIPELINE_ORDER[: PIPELINE_ORDER.index(through) + 1])


def run_chain(
    slug: str, stages: list[str], *, instance: DagsterInstance | None = None, resources: dict | None = None,
    on_stage: Callable[[int, int, str, float, bool], None] | None = None,
) -> list[tuple[str, float, bool]]:
    """Materialize `stages` for one partition; returns (stage, seconds, success) per stage run."""
    from creative_pipeline.definitions import defs

    instance = instance or dagster_instance()
    if not instance.has_dynamic_partition(company_partitions.name, slug):
        instance.add_dynamic_partitions(company_partitions.name, [slug])
    everything = [*defs.assets, *defs.asset_checks]  # type: ignore[misc]
    resources = resources or build_resources(settings())
    batch = uuid.uuid4().hex[:8]
    done = []
    for i, stage in enumerate(stages, start=1):
        started = time.monotonic()
        result = materialize(
            everything, selection=[stage], partition_key=slug, instance=instance, resources=resources,
            tags={"cli_batch": batch, "company": slug}, raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "ERROR"}}}},
        )
        seconds = time.monotonic() - started
        done.append((stage, seconds, result.success))
        if on_stage:
            on_stage(i, len(stages), stage, seconds, result.success)
        if not result.success:
            break
    return done


def run(args: argparse.Namespace) -> int:
    with database().transaction() as conn:
        try:
            company = get_company(conn, args.company)
        except UnknownCompany as exc:
            fail(str(exc))
    stages = stage_names(args.through)
    provider = "gemini" if settings().gemini_api_key else "offline (no GEMINI_API_KEY: deterministic, not AI output)"
    progress(f"running {len(stages)} stage(s) for {company.slug} — provider: {provider}")

    def show(i: int, n: int, stage: str, seconds: float, ok: bool) -> None:
        progress(f"  [{i}/{n}] {stage:<18} {'ok' if ok else 'FAILED'}  {seconds:5.1f} s")

    results = run_chain(company.slug, stages, on_stage=show)
    if not all(ok for _, _, ok in results):
        failed = results[-1][0]
        progress(f"stage {failed} failed: see the run in the Dagster UI (make dev) for its logs")
        return 1
    print_summary(company.slug)
    return 0
