"""From the rubric's sub-scores to the LLM part (0-100).

The model scores six criteria 0-10 against written anchors (prompts/templates/score_scripts.v2.md)
rather than one holistic number: a holistic 0-100 drifts per pack and bunches at 70-85, while
anchored criteria give the model something to check. The weights say what predicts paid-social
performance most for a short-form ad: the hook decides whether anything else is seen, persona
fit whether the right people keep watching.

    llm_raw = 10 * sum(weight_c * subscore_c)            (weights sum to 1)
    viral   = 10 * viral_subscore

`llm_raw` is then remapped per pack through the anchor scripts (`anchors.py`).
"""

from __future__ import annotations

from collections.abc import Mapping

from creative_pipeline.domain.score import RUBRIC

RUBRIC_WEIGHTS: dict[str, float] = {
    "hook": 0.25,
    "clarity": 0.15,
    "proof": 0.15,
    "persona_fit": 0.20,
    "platform_fit": 0.15,
    "cta": 0.10,
}
assert tuple(RUBRIC_WEIGHTS) == RUBRIC and abs(sum(RUBRIC_WEIGHTS.values()) - 1) < 1e-9


def llm_from_rubric(subscores: Mapping[str, float]) -> float:
    """0-100 from the six 0-10 sub-scores (each clamped to 0..10; a missing one is an error)."""
    missing = [c for c in RUBRIC if c not in subscores]
    if missing:
        raise ValueError(f"rubric sub-scores missing: {missing}")
    total = sum(w * min(10.0, max(0.0, float(subscores[c]))) for c, w in RUBRIC_WEIGHTS.items())
    return round(10 * total, 3)


def viral_from_subscore(viral: float) -> float:
    return round(10 * min(10.0, max(0.0, float(viral))), 3)
