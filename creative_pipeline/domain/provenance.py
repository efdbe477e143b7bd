"""Which model produced a stored row, and why it was not the configured one.

With fallback models (issue 9, point 7) one stage's calls may be answered by several models: a
row made by one call names that call's model; a row made by several calls (a batch topped up by
a re-ask) names the one model they share, or all of them in the order they answered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pydantic import BaseModel


class Provenance(BaseModel):
    """`model` actually answered; `fallback_reason` is None when the configured model did."""

    model: str
    fallback_reason: str | None = None


def combined(parts: Iterable[Provenance], default: Provenance) -> Provenance:
    """One provenance for a row several calls made: the shared model, else "a, b" (answer order);
    the distinct fallback reasons joined. `default` when no call is known (offline, a kept row)."""
    items = list(parts)
    if not items:
        return default
    models = list(dict.fromkeys(p.model for p in items))
    reasons = list(dict.fromkeys(p.fallback_reason for p in items if p.fallback_reason))
    return Provenance(model=", ".join(models), fallback_reason="; ".join(reasons) or None)


def model_mix(parts: Iterable[Provenance]) -> dict[str, int]:
    """model -> how many rows it produced: the stage's mix, for its materialization metadata."""
    return dict(Counter(p.model for p in parts).most_common())
