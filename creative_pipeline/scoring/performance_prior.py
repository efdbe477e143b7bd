"""The performance prior (0-100) and its weight: what real ad results say about a script's
persona archetype and ABCD tags before it has run, and how much that may move its score.

For each of the six dimensions (persona, scene setting, scene subject, action, driver, format)
the newest `effectiveness` insight for the script's value gives a CTR lift over the period's
average and a confidence c_d in [0, 1] (grows with impressions and number of creatives):

    evidence_d = 50 + 50 * tanh(lift_d)                    (lift 0 -> 50; +100 % -> ~88)
    prior      = 50 + sum(c_d * (evidence_d - 50)) / max(1, sum(c_d))
    strength   = 1 - prod(1 - c_d)                         (0 without a match, -> 1 with strong ones)
    weight     = max_weight * strength                     (PERFORMANCE_PRIOR_WEIGHT = max_weight)
    final      = (1 - weight) * seed_formula + weight * prior

Why a per-script weight: a fixed blend pulls every script towards its prior even when the prior
rests on nothing (an unmatched script would drift towards 50). Here a script without any
matched evidence has weight 0 and prior None: its final score is exactly the seed formula. The
weight grows with the evidence behind the script's own matches, and `strength` reads the
confidences as independent pieces of evidence (two matches of 0.5 give 0.75, not 1.0). The
prior value is itself shrunk towards 50 while the summed confidence is below 1, so thin
evidence is discounted twice: deliberately conservative while a loop has little data.

The evidence used (each matched dimension's value, lift, confidence, impressions, creatives;
the largest impressions and creatives behind one match, since the dimensions describe the same
creatives and summing them would count each up to six times) is stored with the score.

Pure: the evidence comes in as rows (the asset reads them through the insights repository).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Protocol

from pydantic import BaseModel, Field

from creative_pipeline.domain.performance import EffectivenessEvidence

DIMENSIONS = ("persona", "scene_setting", "scene_subject", "action", "driver", "format")


class TaggedScript(Protocol):
    """What the prior reads of a script (a `StoredScript`): its persona archetype and ABCD tags."""

    @property
    def id(self) -> Any: ...
    @property
    def persona_archetype(self) -> str | None: ...
    @property
    def scene_setting(self) -> str: ...
    @property
    def scene_subject(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def driver(self) -> str: ...
    @property
    def format(self) -> str: ...


class MatchedEvidence(BaseModel):
    """One dimension value of the script that real results speak about."""

    dimension: str
    key: str
    ctr_lift: float
    confidence: float = Field(ge=0, le=1)
    impressions: int = Field(default=0, ge=0)
    creatives: int = Field(default=0, ge=0)


class ScriptPrior(BaseModel):
    """The prior of one script and the evidence behind it; `weight` 0 = the seed formula alone."""

    prior: float | None = Field(default=None, ge=0, le=100)
    weight: float = Field(default=0.0, ge=0, le=1)
    impressions: int = Field(default=0, ge=0)
    creatives: int = Field(default=0, ge=0)
    evidence: list[MatchedEvidence] = Field(default_factory=list)


def prior_from_evidence(values: dict[str, tuple[float, float] | None]) -> float:
    """values: dimension -> (ctr lift, confidence) or None when there is no evidence."""
    weighted, total = 0.0, 0.0
    for dim in DIMENSIONS:
        found = values.get(dim)
        if found is None:
            continue
        lift, confidence = found
        confidence = max(0.0, min(1.0, confidence))
        weighted += confidence * 50 * math.tanh(lift)
        total += confidence
    return round(50 + weighted / max(1.0, total), 3)


def evidence_strength(confidences: Sequence[float]) -> float:
    """1 - prod(1 - c): 0 for no evidence, below 1 for any finite evidence, monotone in each c."""
    remaining = 1.0
    for c in confidences:
        remaining *= 1 - max(0.0, min(1.0, c))
    return 1 - remaining


def script_prior(matches: list[MatchedEvidence], max_weight: float) -> ScriptPrior:
    """The prior, its weight and the evidence summary for one script's matches."""
    if not matches or max_weight <= 0:
        return ScriptPrior(evidence=matches)
    prior = prior_from_evidence({m.dimension: (m.ctr_lift, m.confidence) for m in matches})
    weight = round(max(0.0, min(1.0, max_weight)) * evidence_strength([m.confidence for m in matches]), 4)
    return ScriptPrior(
        prior=prior, weight=weight, impressions=max(m.impressions for m in matches),
        creatives=max(m.creatives for m in matches), evidence=matches,
    )


def compute_priors(
    evidence: list[EffectivenessEvidence], scripts: Sequence[TaggedScript], max_weight: float
) -> dict[str, ScriptPrior]:
    """script id -> its prior, from the newest effectiveness insights (values are compared
    case-insensitively: archetypes are free text written by the model). Later rows win: the
    repository lists the portfolio's first, then the company's own."""
    table = {(e.dimension, str(e.key).casefold()): e for e in evidence}
    priors = {}
    for script in scripts:
        keys = {"persona": script.persona_archetype, **{d: getattr(script, d) for d in DIMENSIONS[1:]}}
        matches = []
        for dim, value in keys.items():
            found = table.get((dim, str(value).casefold()))
            if found is not None and value:
                matches.append(MatchedEvidence(
                    dimension=dim, key=str(value), ctr_lift=float(found.ctr_lift),
                    confidence=max(0.0, min(1.0, float(found.confidence))),
                    impressions=int(found.impressions), creatives=int(found.n_creatives),
                ))
        priors[str(script.id)] = script_prior(matches, max_weight)
    return priors
