"""The live client's guard, answered from Postgres so every step, run and process agrees.

Blocking SQL runs in worker threads (`asyncio.to_thread`): the client is async, the pool is not.
A refusal that stops the step (budget) first lets this step's calls already in flight finish —
their replies are paid for and go to the generation cache — so a re-run pays nothing twice.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any
from uuid import UUID

from creative_pipeline.resources.gemini.errors import BudgetExceeded, PermanentProviderError, ProviderOutage
from creative_pipeline.resources.gemini.spend.guard import CachedReply, ProviderGuard, Ticket
from creative_pipeline.resources.spend.policy import SpendPolicy
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories import breakers, budget, generation_cache, rate_buckets


class PostgresGuard(ProviderGuard):
    def __init__(
        self, db: Database, *, company_id: UUID | None, company_slug: str, step: str, session_id: UUID,
        policy: SpendPolicy,
    ) -> None:
        self.db, self.policy = db, policy
        self.company_id, self.slug, self.step, self.session_id = company_id, company_slug, step, session_id
        self._open = 0  # reservations not yet settled or released
        self._held = 0  # replies being fetched, checked and cached (see `hold`)
        self._stopped: PermanentProviderError | None = None
        self._keys: set[str] = set()

    async def _sql(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        def run() -> Any:
            with self.db.transaction() as conn:
                return fn(conn, *args, **kwargs)
        return await asyncio.to_thread(run)

    async def admit(self, model: str, kind: str, ceiling_usd: float, *, holding: bool = False) -> Ticket:
        """Fail fast on an open breaker, reserve the budget, then take a rate slot and pass the
        breaker's gate in ONE transaction, right before the request leaves: a call that queued for
        a slot while the first failures came back does not go out after them, and nothing but a
        commit sits between the slot granted and the request sent (a grant that arrives late lands
        in the provider's next window beside that window's own, and is refused)."""
        if self._stopped is not None:
            await self._drain()  # whoever raises first ends the step: let paid calls land first
            raise self._stopped
        opened = await self._sql(breakers.open_for, model)
        if opened is not None:
            raise self._outage(model, *opened)
        ticket = Ticket(model=model, kind=kind, holding=holding)
        if self.company_id is not None:
            reservation, spend = await self._sql(
                budget.reserve, self.company_id, session_id=self.session_id, step=self.step, model=model,
                amount_usd=ceiling_usd, default_budget_usd=self.policy.budget_default_usd,
                ttl_s=self.policy.reservation_ttl_s,
            )
            if reservation is None:
                self._stopped = BudgetExceeded(
                    f"budget exceeded for {self.slug}: ${spend.spent_usd:.4f} spent of the ${spend.budget_usd:.2f} "
                    f"budget, ${spend.remaining_usd:.4f} remaining (${spend.reserved_usd:.4f} of it reserved by calls "
                    f"in flight); the next {kind} call ({model}) may cost up to ${ceiling_usd:.4f}, so it was not "
                    f"made. Raise the budget (`creative-pipeline set-budget {self.slug} USD`) and re-run: replies "
                    f"already paid for are reused"
                )
                await self._drain()
                raise self._stopped
            self._open += 1
            ticket = ticket.model_copy(update={"reservation_id": reservation})
        self._held += holding
        try:
            trial = await self._slot_and_gate(model, kind)
        except asyncio.CancelledError:
            self.release_now(ticket)
            raise
        except BaseException as exc:
            await self.release(ticket)
            if exc is self._stopped:
                await self._drain()
            raise
        return ticket.model_copy(update={"sent": True, "trial": trial})

    async def _slot_and_gate(self, model: str, kind: str) -> bool:
        """Wait until a rate slot is free and the breaker lets a request to `model` leave
        (`breakers.admit`), both decided in one transaction: a slot taken while the breaker says
        wait is rolled back, not spent. The request is then counted in flight; True when it goes as
        the one trial."""
        bucket, limit = f"gemini:{kind}", self.policy.requests_per_window.get(kind, 60)
        while True:
            if self._stopped is not None:
                raise self._stopped
            state, wait, error = await asyncio.to_thread(
                _slot_then_admit, self.db, bucket, limit, self.policy.window_for_limit(), model,
                self.policy.call_timeout_s)
            if state == "open":
                raise self._outage(model, wait, error)
            if state == "slot":
                await asyncio.sleep(wait)
            elif state == "wait":
                await asyncio.sleep(min(wait, 0.25))
            else:
                return state == "trial"

    @staticmethod
    def _outage(model: str, wait: float, error: str | None) -> ProviderOutage:
        return ProviderOutage(
            f"provider outage: {model} failed repeatedly ({error}); circuit breaker open, calls fail fast "
            f"for another {wait:.0f} s instead of being sent"
        )

    async def _drain(self) -> None:
        """Wait (bounded) for this step's calls in flight: their replies are paid for, and get
        cached before the stop cancels their tasks. Calls not admitted yet are not waited for."""
        deadline = time.monotonic() + self.policy.call_timeout_s
        while self._open + self._held > 0 and time.monotonic() < deadline:
            await asyncio.sleep(0.05)

    def _closed(self, ticket: Ticket, answered: bool = False) -> None:
        """The reservation is settled or released; a holding ticket without an answer is done."""
        if ticket.reservation_id is not None:
            self._open -= 1
        if ticket.holding and not answered:
            self._held -= 1

    def unhold(self) -> None:
        self._held -= 1

    async def settle(self, ticket: Ticket, cost_usd: float) -> None:
        def run(conn: Any) -> None:
            if ticket.reservation_id is not None:
                budget.settle(conn, ticket.reservation_id, cost_usd)
            breakers.record_success(conn, ticket.model)
        try:
            await self._sql(run)
        finally:
            self._closed(ticket, answered=True)

    async def rate_limited(self, ticket: Ticket, delay_s: float) -> None:
        await self._sql(rate_buckets.block, f"gemini:{ticket.kind}", delay_s)
        await self.release(ticket)

    async def transient_failure(self, ticket: Ticket, reason: str) -> None:
        def run(conn: Any) -> None:
            breakers.record_failure(  # also counts the request as back
                conn, ticket.model, reason[:500], threshold=self.policy.breaker_threshold,
                window_s=self.policy.breaker_window_s, cooldown_s=self.policy.breaker_cooldown_s,
            )
            if ticket.reservation_id is not None:
                budget.release(conn, ticket.reservation_id)
        try:
            await self._sql(run)
        finally:
            self._closed(ticket)

    async def release(self, ticket: Ticket) -> None:
        try:
            if ticket.reservation_id is not None or ticket.sent:
                await self._sql(_release, ticket)
        finally:
            self._closed(ticket)

    def release_now(self, ticket: Ticket) -> None:
        try:
            if ticket.reservation_id is not None or ticket.sent:
                with self.db.transaction() as conn:
                    _release(conn, ticket)
        finally:
            self._closed(ticket)

    async def cached(self, key: str) -> CachedReply | None:
        """A reply an earlier run paid for. A key this step already used is never served again: the
        same request twice in one step is a deliberate re-ask (a short reply topped up), and the
        cached reply would only repeat what was too short."""
        if key in self._keys:
            return None
        hit = await self._sql(generation_cache.cached_reply, key)
        if hit is not None:
            self._keys.add(key)
        return hit

    async def store(self, key: str, model: str, response: dict[str, Any], cost_usd: float, *,
                    note: str | None = None, body: bytes | None = None) -> None:
        self._keys.add(key)
        await self._sql(
            generation_cache.store_reply, key, company_id=self.company_id, step=self.step, model=model,
            response=response, cost_usd=cost_usd, note=note, body=body,
        )

    def finish(self, ok: bool) -> None:
        with self.db.transaction() as conn:
            if ok:
                generation_cache.forget(conn, sorted(self._keys))
            generation_cache.expire(conn, self.policy.cache_ttl_hours)


def _release(conn: Any, ticket: Ticket) -> None:
    """The attempt cost nothing and said nothing about the provider's health (or never left)."""
    if ticket.reservation_id is not None:
        budget.release(conn, ticket.reservation_id)
    if ticket.sent:
        breakers.record_return(conn, ticket.model, trial=ticket.trial)


class _NotAdmitted(Exception):
    """The breaker said wait or open after the slot was taken: roll the slot back."""

    def __init__(self, state: str, wait: float, error: str | None) -> None:
        super().__init__(state)
        self.state, self.wait, self.error = state, wait, error


def _slot_then_admit(db: Database, bucket: str, limit: int, window_s: float, model: str,
                     timeout_s: float) -> tuple[str, float, str | None]:
    """("slot", seconds to wait, None) when no rate slot is free, else the breaker's answer; a slot
    is kept only when the breaker admits the request (same transaction)."""
    try:
        with db.transaction() as conn:
            if wait := rate_buckets.take_slot(conn, bucket, limit, window_s):
                return "slot", wait, None
            state, wait, error = breakers.admit(conn, model, timeout_s)
            if state in ("open", "wait"):
                raise _NotAdmitted(state, wait, error)
            return state, wait, error
    except _NotAdmitted as refused:
        return refused.state, refused.wait, refused.error
