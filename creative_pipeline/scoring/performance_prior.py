"""The performance prior (0-100): what real ad results say about a script's persona archetype
and ABCD tags, before it has run.

For each of the six dimensions (persona, scene setting, scene subject, action, driver, format)
the newest `effectiveness` insight for the script's value gives a CTR lift over the period's
average and a confidence in [0, 1] (grows with impressions and number of creatives):

    evidence_d = 50 + 50 * tanh(lift_d)                    (lift 0 -> 50; +100 % -> ~88)
    prior      = 50 + sum(c_d * (evidence_d - 50)) / max(1, sum(c_d))

a confidence-weighted mean of the evidence that is shrunk towards neutral 50 while the total
confidence is below 1: a strong, confident signal moves a script; a thin one barely does; no
evidence at all is exactly 50.

Pure: the evidence comes in as rows (the asset reads them through the insights repository).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Protocol

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


def compute_priors(evidence: list[EffectivenessEvidence], scripts: Sequence[TaggedScript]) -> dict[str, float]:
    """script id -> prior, from the newest effectiveness insights (values are compared
    case-insensitively: archetypes are free text written by the model). Later rows win: the
    repository lists the portfolio's first, then the company's own."""
    table = {(e.dimension, str(e.key).casefold()): (float(e.ctr_lift), float(e.confidence)) for e in evidence}
    priors = {}
    for script in scripts:
        keys = {"persona": script.persona_archetype, **{d: getattr(script, d) for d in DIMENSIONS[1:]}}
        priors[str(script.id)] = prior_from_evidence(
            {dim: table.get((dim, str(value).casefold())) for dim, value in keys.items()}
        )
    return priors
