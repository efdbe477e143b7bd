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
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx
from google import genai
from google.genai import errors as genai_errors
from google.genai import types
from pydantic import BaseModel, ValidationError

from creative_pipeline.resources.gemini import catalog
from creative_pipeline.resources.gemini.errors import (
    GenerationFailed,
    PermanentProviderError,
    RetiredModelError,
    is_model_gone,
    retry_delay_seconds,
    suggested_in,
)
from creative_pipeline.resources.gemini.pricing import text_cost
from creative_pipeline.resources.gemini.rate_limit import (
    AsyncRateLimiter,
    backoff_seconds,
)
from creative_pipeline.resources.gemini.replies import (
    json_payload,
    reply_problem,
    token_counts,
    validation_summary,
)
from creative_pipeline.resources.gemini.results import Generated
from creative_pipeline.resources.gemini.usage import CallUsage, UsageLedger

__all__ = ["MAX_RETRY_DELAY_S", "ClientConfig", "GeminiTextClient", "json_payload"]

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")
MAX_RETRY_DELAY_S = 60.0


class ClientConfig(BaseModel):
    api_key: str
    base_url: str | None = None
    api_version: str = "v1beta"
    timeout_s: float = 120.0
    max_attempts: int = 4
    max_concurrency: int = 8
    requests_per_minute: int = 120
    backoff_base_s: float = 1.0
    thinking_budget: int | None = 0  # Gemini 2.x only: 0 = no thinking tokens; None = the model's default
    thinking_levels: dict[str, str] = {"generation": "low", "scoring": "medium"}  # Gemini 3 thinking_level per kind
    model_settings: dict[str, str] = {}  # model id -> the setting that names it, for error messages
    vertexai: bool = False
    project: str | None = None
    location: str | None = None


def make_sdk_client(config: ClientConfig) -> genai.Client:
    """The google-genai client: API key (Gemini API) or Vertex AI (ADC + project/location, where
    Veo lives now). `api_version` is always explicit: 2.34 defaults to v1beta, 3.x to v1."""
    options = types.HttpOptions(base_url=config.base_url, api_version=config.api_version,
                                timeout=int(config.timeout_s * 1000))
    if config.vertexai:
        return genai.Client(vertexai=True, project=config.project, location=config.location, http_options=options)
    return genai.Client(api_key=config.api_key, http_options=options)


def retired(exc: genai_errors.APIError, model: str, settings: dict[str, str]) -> RetiredModelError | None:
    """A 404 about the model (retired, closed to new users, unknown id) as a RetiredModelError."""
    if not is_model_gone(exc.code, exc.message):
        return None
    return RetiredModelError(model, setting=settings.get(catalog.bare(model)),
                             suggested=suggested_in(exc.message) or catalog.successor(model),
                             detail=f"{exc.code} {exc.status}: {exc.message}")


def _ms_since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


class GeminiTextClient:
    """Owns the SDK client, the limiter and the ledger; the media client borrows all three."""

    def __init__(self, config: ClientConfig, ledger: UsageLedger) -> None:
        self.config = config
        self.ledger = ledger
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
        return await self.with_retries(
            model, kind, lambda: self.client.aio.models.generate_content(model=model, contents=contents, config=config)
        )

    async def with_retries(self, model: str, kind: str, request: Callable[[], Awaitable[R]]) -> R:
        """`request()` under the rate limit and the in-flight cap, retried on 429/5xx/timeouts.

        Every failed attempt is a ledger row ("retry", or "failed" for the last one), so the
        cost of a flaky provider is visible. A 4xx other than 429 is PermanentProviderError at
        once; running out of attempts is GenerationFailed naming the last problem.
        """
        await self.ensure_ready()
        last = "no attempt made"
        attempts = self.config.max_attempts
        for attempt in range(attempts):
            await self.limiter.acquire()
            started = time.monotonic()
            try:
                async with self.limiter.in_flight:
                    return await request()
            except genai_errors.ClientError as exc:
                if exc.code != 429:
                    reason = f"{exc.code} {exc.status}: {exc.message}"
                    self._record(model, kind, _ms_since(started), "failed", reason)
                    gone = retired(exc, model, self.config.model_settings)
                    if gone is not None:
                        raise gone from exc
                    raise PermanentProviderError(reason, attempts=attempt + 1) from exc
                server_delay = retry_delay_seconds(exc.details)
                if server_delay is None or server_delay > MAX_RETRY_DELAY_S:
                    # exhausted billing or daily quota: no short RetryInfo, waiting will not help
                    reason = f"429 {exc.status}: quota or billing exhausted: {exc.message}"
                    self._record(model, kind, _ms_since(started), "failed", reason)
                    raise PermanentProviderError(reason, attempts=attempt + 1) from exc
                last = f"429 {exc.status}: rate limited"
                delay = server_delay
            except genai_errors.ServerError as exc:
                last = f"{exc.code} {exc.status}: {exc.message}"
                delay = backoff_seconds(attempt, base=self.config.backoff_base_s)
            except (TimeoutError, httpx.TransportError) as exc:  # httpx timeouts are TransportErrors
                last = f"{type(exc).__name__}: {exc}"
                delay = backoff_seconds(attempt, base=self.config.backoff_base_s)
            final = attempt + 1 == attempts
            self._record(model, kind, _ms_since(started), "failed" if final else "retry", last)
            if not final:
                await asyncio.sleep(min(delay, MAX_RETRY_DELAY_S))
        raise GenerationFailed(f"gave up after {attempts} attempts: {last}", attempts=attempts)

    async def structured(
        self,
        *,
        model: str,
        prompt: str,
        schema: type[T],
        temperature: float,
        system: str | None = None,
        max_output_tokens: int = 8192,
        call_kind: str = "generation",
    ) -> Generated[T]:
        """A validated pydantic instance, or GenerationFailed naming the last problem.

        The reply is validated here rather than trusted from `response.parsed`, because the SDK
        sets `parsed=None` without saying why; our own error text is what the re-prompt needs.
        """
        note = ""
        tokens_in = tokens_out = 0
        last = "no attempt made"
        applied = not catalog.ignores_temperature(model)
        level = self.config.thinking_levels.get(call_kind, "low")
        for attempt in range(1, self.config.max_attempts + 1):
            config = types.GenerateContentConfig(
                response_mime_type="application/json",
                response_schema=schema,
                temperature=temperature if applied else None,
                max_output_tokens=max_output_tokens,
                system_instruction=system,
                thinking_config=self._thinking(model, level),
            )
            started = time.monotonic()
            response = await self.call(model, prompt + note, config, "text")
            latency = _ms_since(started)
            t_in, t_out = token_counts(response)
            tokens_in, tokens_out = tokens_in + t_in, tokens_out + t_out
            problem, finish = reply_problem(response)
            if problem is None:
                try:
                    value = schema.model_validate_json(json_payload(response.text))
                except ValidationError as exc:
                    problem = f"invalid output: {validation_summary(exc)}"
                    note = (
                        "\n\nYour previous reply was rejected: "
                        f"{validation_summary(exc)}. Reply again with JSON that matches the schema exactly."
                    )
                else:
                    served = getattr(response, "model_version", None)
                    self._record(model, "text", latency, "ok", None, t_in, t_out, served)
                    return Generated(
                        value=value, provider="gemini", model=model, tokens_in=tokens_in,
                        tokens_out=tokens_out, cost_usd=text_cost(model, tokens_in, tokens_out),
                        attempts=attempt, model_version=served, temperature_applied=applied,
                        thinking_level=level if catalog.is_gemini3(model) else None,
                    )
            elif finish == "MAX_TOKENS":
                max_output_tokens = min(max_output_tokens * 2, 65536)
                note = "\n\nYour previous reply was cut off. Be more concise: shorter strings, same structure."
            else:
                note = (
                    "\n\nKeep every line brand-safe, factual and suitable for a general audience; "
                    f"avoid sensitive topics. (retry {attempt})"
                )
            last = problem
            self._record(model, "text", latency, "retry" if attempt < self.config.max_attempts else "failed", problem, t_in, t_out)
        raise GenerationFailed(f"{schema.__name__}: {last} (after {self.config.max_attempts} attempts)", attempts=self.config.max_attempts)

    def _thinking(self, model: str, level: str) -> types.ThinkingConfig | None:
        """Gemini 3: `thinking_level` (the budget is rejected there); Gemini 2.x: the budget."""
        if catalog.is_gemini3(model):
            return types.ThinkingConfig(thinking_level=types.ThinkingLevel(level.upper()))
        if self.config.thinking_budget is None:
            return None
        return types.ThinkingConfig(thinking_budget=self.config.thinking_budget)

    def _record(
        self, model: str, kind: str, latency_ms: int, status: str, error: str | None, t_in: int = 0, t_out: int = 0,
        model_version: str | None = None,
    ) -> None:
        self.ledger.record(
            CallUsage(
                step=self.ledger.step, provider="gemini", model=model, kind=kind,  # type: ignore[arg-type]
                tokens_in=t_in, tokens_out=t_out, latency_ms=latency_ms, status=status,  # type: ignore[arg-type]
                cost_usd=text_cost(model, t_in, t_out), error=error, model_version=model_version,
            )
        )
