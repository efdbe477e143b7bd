"""What the live client asks before and after every paid call: the deployment's shared limits.

The client knows *when* to ask (before an attempt, after a 429, after a 5xx); a guard knows
*how* to answer for the whole deployment (Postgres: `resources/spend/`). This base class is the
no-op answer for the offline provider and for clients used outside a company's stage.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import BaseModel


class Ticket(BaseModel):
    """Permission for one attempt: which model, and the budget reservation holding its ceiling."""

    model: str
    kind: str
    reservation_id: UUID | None = None
    trial: bool = False  # the one call that decides for a half-open or suspect breaker
    sent: bool = False  # counted among the model's requests in flight (the breaker waits for them)
    holding: bool = False  # the caller checks and caches the reply, then calls `unhold`


class CachedReply(BaseModel):
    """A reply an earlier run paid for: the model that produced it, `note` (why a fallback model
    answered, if one did), `body` (an image's bytes) and what it cost. `response` stays a dict on
    purpose: it is the provider's own reply body (a `GenerateContentResponse` dump, see
    `dump_reply`, or an image's small description), opaque to everything but the client that
    asked and validates it again."""

    model: str
    response: dict[str, Any]
    note: str | None = None
    body: bytes | None = None
    cost_usd: float = 0.0


class ProviderGuard:
    """No shared limits, no budget, no cache: every method allows or does nothing."""

    async def admit(self, model: str, kind: str, ceiling_usd: float, *, holding: bool = False) -> Ticket:
        """Wait for the rate limit, then reserve `ceiling_usd`; raises ProviderOutage (breaker
        open) or BudgetExceeded instead of letting the call be made. `holding`: the caller will
        check and cache the reply and then call `unhold`; a stop waits for that."""
        return Ticket(model=model, kind=kind)

    async def settle(self, ticket: Ticket, cost_usd: float) -> None:
        """The attempt got an answer: it succeeded for the breaker and cost `cost_usd`."""

    async def rate_limited(self, ticket: Ticket, delay_s: float) -> None:
        """The provider answered 429: no one in the deployment sends before `delay_s`."""

    async def transient_failure(self, ticket: Ticket, reason: str) -> None:
        """5xx, timeout or transport error: counts towards opening the model's breaker."""

    async def release(self, ticket: Ticket) -> None:
        """The attempt cost nothing (it was refused or failed before the provider billed it)."""

    def release_now(self, ticket: Ticket) -> None:
        """`release` without awaiting: for a task being cancelled."""

    def unhold(self) -> None:
        """The reply admitted with `holding=True` is cached (or was worthless)."""

    async def cached(self, key: str) -> CachedReply | None:
        """A reply already paid for under this request hash (see `CachedReply`)."""
        return None

    async def store(self, key: str, model: str, response: dict[str, Any], cost_usd: float, *,
                    note: str | None = None, body: bytes | None = None) -> None:
        """Keep a paid reply (an image: its bytes in `body`) until the stage that asked for it completes."""

    def finish(self, ok: bool) -> None:
        """The step is over: on success its cached replies are in its rows and are forgotten."""


def dump_reply(response: Any) -> dict[str, Any]:
    """A reply as JSON for the generation cache (without the transport's headers)."""
    if isinstance(response, BaseModel):
        return response.model_dump(mode="json", exclude_none=True, exclude={"sdk_http_response"})
    return {"value": str(response)}
