"""The live text client: structured output with the retry policy of DESIGN.md §4.

The SDK never raises for bad output (STACK_NOTES): `parsed is None` on invalid JSON, wrong
types or truncation, and `text is None` on safety blocks. So every reply is checked here:
- invalid / schema-violating JSON -> re-prompt with the validation error;
- MAX_TOKENS -> re-prompt asking for brevity, with a larger output budget;
- blocked or empty -> re-prompt with a varied, brand-safe wording;
- 429 -> wait the server's RetryInfo delay; 5xx, timeouts, transport errors -> backoff + jitter;
- 429 without a short RetryInfo (billing/daily quota exhausted) and other 4xx -> permanent
  failure (`PermanentProviderError`: the step fails at once, no point retrying).
After `max_attempts` the item fails with a recorded reason; the caller keeps the other items.
Every attempt is first admitted by the guard (shared rate limit, circuit breaker, budget; see
`guard.py`); the kind's fallback models take over while the primary's breaker is open.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
from google.genai import errors as genai_errors
from google.genai import types
from pydantic import BaseModel

from creative_pipeline.resources.gemini.models import catalog
from creative_pipeline.resources.gemini.spend.ceilings import call_ceiling_usd
from creative_pipeline.resources.gemini.errors import (
    GenerationFailed,
    PermanentProviderError,
    ProviderOutage,
    RetiredModelError,
    is_model_gone,
    retry_delay_seconds,
    suggested_in,
)
from creative_pipeline.resources.gemini.spend.guard import ProviderGuard
from creative_pipeline.resources.gemini.spend.pricing import image_cost, text_cost
from creative_pipeline.resources.gemini.spend.rate_limit import (
    AsyncRateLimiter,
    backoff_seconds,
)
from creative_pipeline.resources.gemini.sdk.replies import json_payload, token_counts
from creative_pipeline.resources.gemini.results import Generated
from creative_pipeline.resources.gemini.sdk.genai_client import ClientConfig, make_sdk_client
from creative_pipeline.resources.gemini.sdk.structured import structured_reply
from creative_pipeline.resources.gemini.spend.ledger import CallUsage, UsageLedger

__all__ = ["MAX_RETRY_DELAY_S", "GeminiTextClient", "json_payload"]

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")
MAX_RETRY_DELAY_S = 60.0


def retired(exc: genai_errors.APIError, model: str, settings: dict[str, str]) -> RetiredModelError | None:
    """A 404 about the model (retired, closed to new users, unknown id) as a RetiredModelError."""
    if not is_model_gone(exc.code, exc.message):
        return None
    return RetiredModelError(model, setting=settings.get(catalog.bare(model)),
                             suggested=suggested_in(exc.message) or catalog.successor(model),
                             detail=f"{exc.code} {exc.status}: {exc.message}")


class _Overloaded(Exception):
    """The model answered 503 "overloaded" and a fallback model is configured: switch now."""


class Routed(BaseModel):
    """A reply and the model that actually produced it (a fallback says why in `note`)."""

    model_config = {"arbitrary_types_allowed": True}
    response: Any
    model: str
    note: str | None = None


def reply_cost(model: str, kind: str, response: Any, config: types.GenerateContentConfig | None) -> float:
    """What a reply cost: tokens for text; for images the image's price at its size (a reply
    without an image is billed as tokens)."""
    t_in, t_out = token_counts(response)
    if kind == "image" and t_out:
        size = (config.image_config.image_size if config is not None and config.image_config else None) or "1K"
        return image_cost(model, size, t_in)
    return text_cost(model, t_in, t_out)


def _ms_since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


class GeminiTextClient:
    """Owns the SDK client, the limiter, the guard and the ledger; the media client borrows them.

    The per-process limiter caps calls in flight; the guard holds what the whole deployment
    shares (one rate limit, the circuit breaker, the company's budget, the generation cache).
    """

    def __init__(self, config: ClientConfig, ledger: UsageLedger, guard: ProviderGuard | None = None) -> None:
        self.config = config
        self.ledger = ledger
        self.guard = guard or ProviderGuard()
        self.limiter = AsyncRateLimiter(config.requests_per_minute, config.max_concurrency)
        self.client = make_sdk_client(config)
        self.preflight: Callable[[], Awaitable[None]] | None = None  # set by the resource: check-models, cached
        self._ready: asyncio.Lock | None = None
        self._checked = False

    async def ensure_ready(self) -> None:
        """Run the model preflight once, before this client's first paid call."""
        if self._checked or self.preflight is None:
            return
        self._ready = self._ready or asyncio.Lock()
        async with self._ready:
            if not self._checked:
                await self.preflight()
                self._checked = True

    async def call(self, model: str, contents: Any, config: types.GenerateContentConfig, kind: str) -> Any:
        """One `generate_content`, with the transport-level retries of `with_retries`."""
        return (await self.call_routed(model, contents, config, kind)).response

    async def call_routed(
        self, model: str, contents: Any, config: types.GenerateContentConfig, kind: str, holding: bool = False
    ) -> Routed:
        """`call` on `model`, else on the kind's fallbacks, in order, while the one before has its
        breaker open or answers "model overloaded"."""
        chain = [model] + [m for m in self.config.fallback_models.get(kind, []) if m != model]
        note = None
        for position, candidate in enumerate(chain):
            last = position == len(chain) - 1
            try:
                response = await self.with_retries(
                    candidate, kind,
                    lambda m=candidate: self.client.aio.models.generate_content(model=m, contents=contents, config=config),
                    ceiling_usd=call_ceiling_usd(candidate, kind, contents, config),
                    cost_of=lambda r, m=candidate: reply_cost(m, kind, r, config),
                    holding=holding, overload_escape=not last,
                )
                return Routed(response=response, model=candidate, note=note)
            except ProviderOutage as exc:
                if last:
                    raise
                note = f"fallback from {candidate}: circuit open ({exc.reason[:160]})"
            except _Overloaded as exc:
                note = f"fallback from {candidate}: model overloaded ({exc})"
        raise AssertionError("unreachable: the last model either returns or raises")

    async def with_retries(
        self, model: str, kind: str, request: Callable[[], Awaitable[R]], *, ceiling_usd: float = 0.0,
        cost_of: Callable[[R], float] | None = None, holding: bool = False, overload_escape: bool = False,
    ) -> R:
        """`request()` under the limits, retried on 429/5xx/timeouts.

        Before each attempt the guard admits it (breaker closed, a slot in the shared rate limit,
        `ceiling_usd` reserved against the budget) or raises; afterwards it learns the outcome
        (429 delays everyone, 5xx counts towards the breaker, a reply settles the reservation at
        `cost_of(reply)`, default the ceiling: a render accepted is a render billed).
        Every failed attempt is a ledger row ("retry", or "failed" for the last one). A 4xx other
        than 429 is PermanentProviderError at once; running out of attempts is GenerationFailed.
        """
        await self.ensure_ready()
        last = "no attempt made"
        attempts = self.config.max_attempts
        for attempt in range(attempts):
            await self.limiter.acquire()
            started = time.monotonic()
            overloaded = False
            async with self.limiter.in_flight:
                ticket = await self.guard.admit(model, kind, ceiling_usd, holding=holding)
                try:
                    result = await request()
                except genai_errors.ClientError as exc:
                    if exc.code != 429:
                        await self.guard.release(ticket)
                        reason = f"{exc.code} {exc.status}: {exc.message}"
                        self._record(model, kind, _ms_since(started), "failed", reason)
                        gone = retired(exc, model, self.config.model_settings)
                        if gone is not None:
                            raise gone from exc
                        raise PermanentProviderError.refused(reason, exc.code, exc.status, exc.message, attempt + 1) from exc
                    server_delay = retry_delay_seconds(exc.details)
                    if server_delay is None or server_delay > MAX_RETRY_DELAY_S:
                        # exhausted billing or daily quota: no short RetryInfo, waiting will not help
                        await self.guard.release(ticket)
                        reason = f"429 {exc.status}: quota or billing exhausted: {exc.message}"
                        self._record(model, kind, _ms_since(started), "failed", reason)
                        raise PermanentProviderError.refused(reason, 429, exc.status, exc.message, attempt + 1) from exc
                    last = f"429 {exc.status}: rate limited"
                    delay = server_delay
                    await self.guard.rate_limited(ticket, delay)
                except genai_errors.ServerError as exc:
                    last = f"{exc.code} {exc.status}: {exc.message}"
                    overloaded = exc.code == 503 and "overload" in str(exc.message).lower()
                    delay = backoff_seconds(attempt, base=self.config.backoff_base_s)
                    await self.guard.transient_failure(ticket, last)
                except (TimeoutError, httpx.TransportError) as exc:  # httpx timeouts are TransportErrors
                    last = f"{type(exc).__name__}: {exc}"
                    delay = backoff_seconds(attempt, base=self.config.backoff_base_s)
                    await self.guard.transient_failure(ticket, last)
                except BaseException:
                    self.guard.release_now(ticket)
                    raise
                else:
                    await self.guard.settle(ticket, cost_of(result) if cost_of else ceiling_usd)
                    return result
            final = attempt + 1 == attempts
            self._record(model, kind, _ms_since(started), "failed" if final or overloaded and overload_escape else "retry", last)
            if overloaded and overload_escape:
                raise _Overloaded(last)
            if not final:
                await asyncio.sleep(min(delay, MAX_RETRY_DELAY_S))
        raise GenerationFailed(f"gave up after {attempts} attempts: {last}", attempts=attempts)

    async def structured(
        self, *, model: str, prompt: str, schema: type[T], temperature: float, system: str | None = None,
        max_output_tokens: int = 8192,
        call_kind: str = "generation",
    ) -> Generated[T]:
        """A validated pydantic instance, or GenerationFailed naming the last problem (see `structured`)."""
        return await structured_reply(
            self, model=model, prompt=prompt, schema=schema, temperature=temperature, system=system,
            max_output_tokens=max_output_tokens, call_kind=call_kind,
        )

    def _thinking(self, model: str, level: str) -> types.ThinkingConfig | None:
        """Gemini 3: `thinking_level` (the budget is rejected there); Gemini 2.x: the budget."""
        if catalog.is_gemini3(model):
            return types.ThinkingConfig(thinking_level=types.ThinkingLevel(level.upper()))
        if self.config.thinking_budget is None:
            return None
        return types.ThinkingConfig(thinking_budget=self.config.thinking_budget)

    def _record(
        self, model: str, kind: str, latency_ms: int, status: str, error: str | None, t_in: int = 0, t_out: int = 0,
        model_version: str | None = None, note: str | None = None, cost_usd: float | None = None,
    ) -> None:
        self.ledger.record(
            CallUsage(
                step=self.ledger.step, provider="gemini", model=model, kind=kind,  # type: ignore[arg-type]
                tokens_in=t_in, tokens_out=t_out, latency_ms=latency_ms, status=status,  # type: ignore[arg-type]
                cost_usd=text_cost(model, t_in, t_out) if cost_usd is None else cost_usd, error=error,
                model_version=model_version, note=note,
            )
        )

