"""The final score: `final = w_llm*llm + w_trend*trend + w_viral*viral` (0.45/0.35/0.20 default).

Weights are normalised to sum to 1, so a configuration of 45/35/20 means the same as
0.45/0.35/0.20 and the final score stays in 0..100. The performance prior is blended in last
with the script's own weight (see `performance_prior.py`): `final = (1-w)*base + w*prior`. A
script without matched evidence has w = 0 and no prior, so its final score is exactly the
documented formula.
"""

from __future__ import annotations

from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from creative_pipeline.domain.score import ScoreWeights


class ScriptScore(BaseModel):
    script_id: UUID
    trend: float = Field(ge=0, le=100)
    trend_status: Literal["ok", "cached", "unavailable"]
    trend_keywords: list[str] = Field(default_factory=list)  # what the trend rests on; empty = company baseline
    llm: float = Field(ge=0, le=100)
    llm_raw: float | None = Field(default=None, ge=0, le=100)  # the rubric's value before anchor remapping
    calibration: str = "raw"  # "anchored", or "raw: <why the pack could not be remapped>"
    rubric: dict[str, Any] = Field(default_factory=dict)  # sub-scores (0-10) and the compared pattern
    viral: float = Field(ge=0, le=100)
    performance_prior: float | None = Field(default=None, ge=0, le=100)
    prior_weight: float = Field(default=0.0, ge=0, le=1)
    prior_impressions: int = Field(default=0, ge=0)
    prior_creatives: int = Field(default=0, ge=0)
    prior_evidence: list[dict[str, Any]] = Field(default_factory=list)
    final: float = Field(ge=0, le=100)
    weights: ScoreWeights
    rationale: str = ""
    provider: str
    model: str  # the model that scored it (the pack's call)
    template_version: str | None = None  # the score_scripts prompt version
    fallback_reason: str | None = None  # why a fallback model scored it (None: the configured one did)


def final_score(
    llm: float, trend: float, viral: float, weights: ScoreWeights, prior: float | None = None,
    prior_weight: float = 0.0,
) -> float:
    """The module's formula, clamped to 0..100 and rounded so equal inputs rank as exact ties."""
    total = weights.llm + weights.trend + weights.viral
    if total <= 0:
        raise ValueError("score weights must not all be zero")
    base = (weights.llm * llm + weights.trend * trend + weights.viral * viral) / total
    if prior is not None and prior_weight > 0:
        w = min(1.0, prior_weight)
        base = (1 - w) * base + w * prior
    return round(min(100.0, max(0.0, base)), 3)
