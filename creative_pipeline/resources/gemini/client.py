"""The live text client: structured output with the retry policy of DESIGN.md §4.

The SDK never raises for bad output (STACK_NOTES): `parsed is None` on invalid JSON, wrong
types or truncation, and `text is None` on safety blocks. So every reply is checked here:
- invalid / schema-violating JSON -> re-prompt with the validation error;
- MAX_TOKENS -> re-prompt asking for brevity, with a larger output budget;
- blocked or empty -> re-prompt with a varied, brand-safe wording;
- 429 -> wait the server's RetryInfo delay; 5xx, timeouts, transport errors -> backoff + jitter;
- other 4xx -> permanent failure (no point retrying).
After `max_attempts` the item fails with a recorded reason; the caller keeps the other items.
"""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any, TypeVar

import httpx
from google import genai
from google.genai import errors as genai_errors
from google.genai import types
from pydantic import BaseModel, ValidationError

from creative_pipeline.resources.gemini.errors import GenerationFailed, PermanentProviderError, retry_delay_seconds
from creative_pipeline.resources.gemini.pricing import estimate_cost
from creative_pipeline.resources.gemini.rate_limit import AsyncRateLimiter, backoff_seconds
from creative_pipeline.resources.gemini.results import Generated
from creative_pipeline.resources.gemini.usage import CallUsage, UsageLedger

T = TypeVar("T", bound=BaseModel)
_BLOCKED = {"SAFETY", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "RECITATION", "IMAGE_SAFETY", "OTHER"}
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
    thinking_budget: int | None = 0  # 0 = no thinking tokens (cost); None = the model's default


class GeminiTextClient:
    def __init__(self, config: ClientConfig, ledger: UsageLedger) -> None:
        self.config = config
        self.ledger = ledger
        self.limiter = AsyncRateLimiter(config.requests_per_minute, config.max_concurrency)
        self.client = genai.Client(
            api_key=config.api_key,
            http_options=types.HttpOptions(
                base_url=config.base_url, api_version=config.api_version, timeout=int(config.timeout_s * 1000)
            ),
        )

    async def call(self, model: str, contents: Any, config: types.GenerateContentConfig, kind: str) -> Any:
        """One HTTP call under the limiter; transport-level retries for 429/5xx/timeouts."""
        last = "no attempt made"
        for attempt in range(self.config.max_attempts):
            await self.limiter.acquire()
            started = time.monotonic()
            try:
                async with self.limiter.in_flight:
                    return await self.client.aio.models.generate_content(model=model, contents=contents, config=config)
            except genai_errors.ClientError as exc:
                latency = int((time.monotonic() - started) * 1000)
                if exc.code != 429:
                    self._record(model, kind, latency, "failed", f"{exc.code} {exc.status}: {exc.message}")
                    raise PermanentProviderError(f"{exc.code} {exc.status}: {exc.message}", attempts=attempt + 1)
                last = f"429 {exc.status}: rate limited"
                delay = retry_delay_seconds(exc.details) or backoff_seconds(attempt, base=self.config.backoff_base_s)
            except genai_errors.ServerError as exc:
                latency = int((time.monotonic() - started) * 1000)
                last = f"{exc.code} {exc.status}: {exc.message}"
                delay = backoff_seconds(attempt, base=self.config.backoff_base_s)
            except (httpx.TimeoutException, httpx.TransportError, asyncio.TimeoutError) as exc:
                latency = int((time.monotonic() - started) * 1000)
                last = f"{type(exc).__name__}: {exc}"
                delay = backoff_seconds(attempt, base=self.config.backoff_base_s)
            self._record(model, kind, latency, "retry", last)
            if attempt + 1 < self.config.max_attempts:
                await asyncio.sleep(min(delay, MAX_RETRY_DELAY_S))
        raise GenerationFailed(f"gave up after {self.config.max_attempts} attempts: {last}", attempts=self.config.max_attempts)

    async def structured(
        self,
        *,
        model: str,
        prompt: str,
        schema: type[T],
        temperature: float,
        system: str | None = None,
        max_output_tokens: int = 8192,
    ) -> Generated[T]:
        """A validated pydantic instance, or GenerationFailed naming the last problem."""
        note = ""
        tokens_in = tokens_out = 0
        last = "no attempt made"
        for attempt in range(1, self.config.max_attempts + 1):
            config = types.GenerateContentConfig(
                response_mime_type="application/json",
                response_schema=schema,
                temperature=temperature,
                max_output_tokens=max_output_tokens,
                system_instruction=system,
                thinking_config=(
                    None if self.config.thinking_budget is None
                    else types.ThinkingConfig(thinking_budget=self.config.thinking_budget)
                ),
            )
            started = time.monotonic()
            response = await self.call(model, prompt + note, config, "text")
            latency = int((time.monotonic() - started) * 1000)
            t_in, t_out = _tokens(response)
            tokens_in, tokens_out = tokens_in + t_in, tokens_out + t_out
            problem, finish = _reply_problem(response)
            if problem is None:
                try:
                    value = schema.model_validate_json(json_payload(response.text))
                except ValidationError as exc:
                    problem = f"invalid output: {_short(exc)}"
                    note = (
                        "\n\nYour previous reply was rejected: "
                        f"{_short(exc)}. Reply again with JSON that matches the schema exactly."
                    )
                else:
                    self._record(model, "text", latency, "ok", None, t_in, t_out)
                    return Generated(
                        value=value, provider="gemini", model=model, tokens_in=tokens_in,
                        tokens_out=tokens_out, cost_usd=estimate_cost(model, tokens_in=tokens_in, tokens_out=tokens_out),
                        attempts=attempt,
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

    def _record(
        self, model: str, kind: str, latency_ms: int, status: str, error: str | None, t_in: int = 0, t_out: int = 0
    ) -> None:
        self.ledger.record(
            CallUsage(
                step=self.ledger.step, provider="gemini", model=model, kind=kind,  # type: ignore[arg-type]
                tokens_in=t_in, tokens_out=t_out, latency_ms=latency_ms, status=status,  # type: ignore[arg-type]
                cost_usd=estimate_cost(model, tokens_in=t_in, tokens_out=t_out), error=error,
            )
        )


def json_payload(text: str) -> str:
    """The JSON document in a reply. With a JSON mime type Gemini sends bare JSON, but other
    servers (and models asked without a schema) wrap it in ``` fences or a sentence."""
    stripped = text.strip()
    if stripped.startswith(("{", "[")):
        return stripped
    fenced = re.search(r"```(?:json)?\s*(.*?)```", stripped, re.DOTALL)
    if fenced:
        return fenced.group(1).strip()
    start = min((i for i in (stripped.find("{"), stripped.find("[")) if i >= 0), default=-1)
    return stripped[start:] if start >= 0 else stripped


def _tokens(response: Any) -> tuple[int, int]:
    usage = getattr(response, "usage_metadata", None)
    if usage is None:
        return 0, 0
    out = (usage.candidates_token_count or 0) + (usage.thoughts_token_count or 0)
    return usage.prompt_token_count or 0, out


def _reply_problem(response: Any) -> tuple[str | None, str | None]:
    """(problem, finish_reason) for a reply that carries no usable text."""
    feedback = getattr(response, "prompt_feedback", None)
    if feedback is not None and getattr(feedback, "block_reason", None):
        return f"prompt blocked: {_enum_name(feedback.block_reason)}", "BLOCKED"
    candidates = response.candidates or []
    if not candidates:
        return "empty reply: no candidates", "EMPTY"
    finish = _enum_name(candidates[0].finish_reason)
    if finish == "MAX_TOKENS":
        return "reply truncated at MAX_TOKENS", finish
    if finish in _BLOCKED:
        return f"reply blocked: finishReason {finish}", finish
    if not response.text:
        return f"empty reply (finishReason {finish})", finish
    return None, finish


def _enum_name(value: Any) -> str:
    return str(getattr(value, "value", value) or "")


def _short(exc: ValidationError) -> str:
    parts = [f"{'.'.join(str(p) for p in e['loc']) or 'document'}: {e['msg']}" for e in exc.errors()[:4]]
    return "; ".join(parts)
