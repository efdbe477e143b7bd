"""The per-step call ledger: every provider call, kept in memory, flushed to `api_usage`."""

from __future__ import annotations

import threading
from typing import Literal
from uuid import UUID, uuid4

from pydantic import BaseModel


class CallUsage(BaseModel):
    step: str
    provider: str
    model: str
    kind: Literal["text", "image", "video", "trends"]
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: int = 0
    cost_usd: float = 0.0
    status: Literal["ok", "retry", "failed"] = "ok"
    error: str | None = None
    model_version: str | None = None  # what the service says it served (ids get routed to newer ones)
    note: str | None = None  # e.g. "fallback from X: circuit open", "cache hit: paid by an earlier run"
    session_id: UUID | None = None  # the ledger's session: its budget reservations end when it is written


class UsageLedger:
    """Collects calls from concurrent tasks; the asset writes them and reports the totals."""

    def __init__(self, step: str) -> None:
        self.step = step
        self.session_id = uuid4()  # budget reservations of this step are tagged with it
        self._calls: list[CallUsage] = []
        self._lock = threading.Lock()

    def record(self, usage: CallUsage) -> None:
        with self._lock:
            self._calls.append(usage.model_copy(update={"session_id": self.session_id}))

    @property
    def calls(self) -> list[CallUsage]:
        with self._lock:
            return list(self._calls)

    def totals(self) -> dict[str, float | int]:
        calls = self.calls
        return {
            "calls": len(calls),
            "failed_or_retried_calls": sum(1 for c in calls if c.status != "ok"),
            "tokens_in": sum(c.tokens_in for c in calls),
            "tokens_out": sum(c.tokens_out for c in calls),
            "cost_usd": round(sum(c.cost_usd for c in calls), 6),
        }
