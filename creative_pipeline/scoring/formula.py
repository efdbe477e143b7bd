"""The final score: `final = w_llm*llm + w_trend*trend + w_viral*viral` (0.45/0.35/0.20 default).

Weights are normalised to sum to 1, so a configuration of 45/35/20 means the same as
0.45/0.35/0.20 and the final score stays in 0..100. When the performance prior is on (weight
p > 0) it is blended in last: `final = (1-p)*base + p*prior`, so the documented formula is
untouched while it is off.
"""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

from creative_pipeline.domain.score import ScoreWeights


class ScriptScore(BaseModel):
    script_id: UUID
    trend: float = Field(ge=0, le=100)
    trend_status: Literal["ok", "cached", "unavailable"]
    llm: float = Field(ge=0, le=100)
    viral: float = Field(ge=0, le=100)
    performance_prior: float | None = Field(default=None, ge=0, le=100)
    final: float = Field(ge=0, le=100)
    weights: ScoreWeights
    rationale: str = ""
    provider: str
    model: str  # the model that scored it (the pack's call)
    fallback_reason: str | None = None  # why a fallback model scored it (None: the configured one did)


def final_score(llm: float, trend: float, viral: float, weights: ScoreWeights, prior: float | None = None) -> float:
    """The module's formula, clamped to 0..100 and rounded so equal inputs rank as exact ties."""
    total = weights.llm + weights.trend + weights.viral
    if total <= 0:
        raise ValueError("score weights must not all be zero")
    base = (weights.llm * llm + weights.trend * trend + weights.viral * viral) / total
    if prior is not None and weights.performance_prior > 0:
        base = (1 - weights.performance_prior) * base + weights.performance_prior * prior
    return round(min(100.0, max(0.0, base)), 3)
