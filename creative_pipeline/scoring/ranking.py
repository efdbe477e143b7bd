"""Top-N winners with a deterministic tie-break.

Order: final desc, then llm desc (the model's judgement breaks ties before the trend signal),
then viral desc, then the hook and body text, then script id asc, so the same scores always give
the same winners — also across a re-run, where every script gets a new id but the same text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, Protocol, TypeVar


class Rankable(Protocol):
    """What ranking reads of a scored script (a `StoredScript`, or a `ScoreCandidate`)."""

    @property
    def id(self) -> Any: ...
    @property
    def final(self) -> float | None: ...
    @property
    def llm(self) -> float | None: ...
    @property
    def viral(self) -> float | None: ...


class ScoreCandidate(NamedTuple):
    """Scores without a stored row: to rank what-if scores (e.g. without the performance prior)."""

    id: str
    final: float | None
    llm: float
    viral: float


R = TypeVar("R", bound=Rankable)


def rank_winners(scored: Sequence[R], count: int) -> list[R]:
    eligible = [s for s in scored if s.final is not None]
    ordered = sorted(eligible, key=lambda s: (-s.final, -s.llm, -s.viral,  # type: ignore[operator]
                                              getattr(s, "hook", ""), getattr(s, "body", ""), str(s.id)))
    return ordered[:count]
