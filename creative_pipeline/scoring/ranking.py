"""Top-N winners with a deterministic tie-break.

Order: final desc, then llm desc (the model's judgement breaks ties before the trend signal),
then viral desc, then script id asc, so the same scores always give the same winners.
"""

from __future__ import annotations

from typing import Any


def rank_winners(scored: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    eligible = [s for s in scored if s.get("final") is not None]
    ordered = sorted(eligible, key=lambda s: (-s["final"], -s["llm"], -s["viral"], str(s["id"])))
    return ordered[:count]
