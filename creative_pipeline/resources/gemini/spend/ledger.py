"""The per-step call ledger: every provider call, kept in memory for the step's metadata and, when
the step gives it a sink, booked in `api_usage` as it arrives.

Why as it arrives: a ledger held until the step ends is lost with the process (kill -9, a lost
worker), while the provider has billed every answered call. The sink is a plain callable so this
module stays free of the database; a call the sink could not book stays pending and is written
with the step's final flush."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
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


Sink = Callable[[list[CallUsage]], None]
log = logging.getLogger(__name__)


class UsageLedger:
    """Collects calls from concurrent tasks; with a sink each is booked at once, else the step writes
    `pending()` when it ends. Either way the step reports the totals."""

    def __init__(self, step: str, sink: Sink | None = None) -> None:
        self.step = step
        self.session_id = uuid4()  # budget reservations of this step are tagged with it
        self._calls: list[CallUsage] = []
        self._pending: list[CallUsage] = []
        self._sink = sink
        self._lock = threading.Lock()

    def record(self, usage: CallUsage) -> None:
        call = usage.model_copy(update={"session_id": self.session_id})
        with self._lock:
            self._calls.append(call)
            self._pending.append(call)
            if self._sink is None:
                return
            try:  # under the lock: rows are booked in the order the calls were recorded
                self._sink(list(self._pending))
                self._pending.clear()
            except Exception as exc:  # noqa: BLE001 - booking retried at the step's end; the call itself succeeded
                log.warning("ledger row for %s not booked yet (%s); it is written when the step ends", self.step, exc)

    def pending(self) -> list[CallUsage]:
        """The calls not booked yet (all of them without a sink); taking them empties the list."""
        with self._lock:
            taken, self._pending = self._pending, []
            return taken

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
