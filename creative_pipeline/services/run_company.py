"""Run a company's stages: kept for callers written before `services/runs.py` (the tests' shorthand).

`run_chain` is `runs.run_stages` with (stage, seconds, success) tuples; new code calls `run_stages`,
which returns typed `StageRun`s carrying the failure's description."""

from __future__ import annotations

from typing import Any

from creative_pipeline.services.runs import Launcher, StageCallback, run_stages, stage_names

__all__ = ["run_chain", "stage_names"]


def run_chain(
    slug: str, stages: list[str], *, instance=None, resources: dict[str, Any] | None = None,
    on_stage: StageCallback | None = None, launched_by: Launcher = "test",
) -> list[tuple[str, float, bool]]:
    """Materialize `stages` for one company partition; returns (stage, seconds, success) per stage run."""
    runs = run_stages(slug, stages, launched_by=launched_by, instance=instance, resources=resources, on_stage=on_stage)
    return [(r.stage, r.seconds, r.success) for r in runs]
