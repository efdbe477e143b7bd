"""What a stretch of the Gemini simulator's own request log says about a workload: text calls,
tokens and the critical path (the longest chain of calls each sent after the previous answered).

Counted from the simulator's log, not the project's ledger, so a call the ledger missed (or a
ledger row without a call) cannot hide in the figure. Preflight `models.get` and `countTokens`
are not calls that generate anything and are not counted.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

from .gemini_sim_server import RecordedRequest


class CallFigures(BaseModel):
    """Calls, tokens and critical path of one stretch of the log (a stage, or a company)."""

    calls: int
    tokens_in: int
    tokens_out: int
    critical_path: int  # dependent calls in sequence (1 = every call could run at once)


def text_calls(requests: Sequence[RecordedRequest]) -> list[RecordedRequest]:
    """The generateContent requests: what a text chain pays for."""
    return [r for r in requests if r.endpoint == "generateContent"]


def critical_path(calls: Sequence[RecordedRequest]) -> int:
    """The longest chain of calls where each one arrived after the one before it had been
    answered (a call overlapping another was not waiting for it)."""
    ordered = sorted(calls, key=lambda r: r.at)
    depth: list[int] = []
    for i, call in enumerate(ordered):
        start = call.started if call.started is not None else call.at
        before = [depth[j] for j in range(i) if ordered[j].at <= start]
        depth.append(1 + max(before, default=0))
    return max(depth, default=0)


def figures(requests: Sequence[RecordedRequest]) -> CallFigures:
    calls = text_calls(requests)
    return CallFigures(
        calls=len(calls),
        tokens_in=sum((r.usage or {}).get("promptTokenCount", 0) for r in calls),
        tokens_out=sum((r.usage or {}).get("candidatesTokenCount", 0) for r in calls),
        critical_path=critical_path(calls),
    )
