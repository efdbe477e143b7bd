"""Structured output with re-prompts, and the generation cache in front of it.

The SDK never raises for bad output (STACK_NOTES): `parsed is None` on invalid JSON, wrong
types or truncation, and `text is None` on safety blocks. So every reply is checked here:
- invalid / schema-violating JSON -> re-prompt with the validation error;
- MAX_TOKENS -> re-prompt asking for brevity, with a larger output budget;
- blocked or empty -> re-prompt with a varied, brand-safe wording.
Before each request the generation cache is asked for a reply already paid for under the same
(model, prompt, schema, config) hash: a stage stopped by its budget and re-run pays nothing twice.
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import TYPE_CHECKING, TypeVar

from google.genai import types
from pydantic import BaseModel, ValidationError

from creative_pipeline.prompts.renderer import cache_form
from creative_pipeline.resources.gemini.errors import GenerationFailed
from creative_pipeline.resources.gemini.spend.guard import dump_reply
from creative_pipeline.resources.gemini.models import catalog
from creative_pipeline.resources.gemini.spend.pricing import text_cost
from creative_pipeline.resources.gemini.sdk.replies import json_payload, reply_problem, token_counts, validation_summary
from creative_pipeline.resources.gemini.results import Generated

if TYPE_CHECKING:
    from creative_pipeline.resources.gemini.sdk.text_client import GeminiTextClient

T = TypeVar("T", bound=BaseModel)
CACHE_HIT_NOTE = "cache hit: reply already paid for by an earlier run"


def request_key(model: str, system: str | None, contents: str, schema: type[BaseModel], config: dict) -> str:
    """The hash a reply is cached under: everything that shapes the reply, nothing else. The
    prompt is keyed in its `cache_form` (fence boundaries fixed): the random boundaries drawn for
    this call do not shape the reply, so a re-run finds what an earlier run paid for."""
    material = json.dumps(
        {"model": model, "system": system, "contents": cache_form(contents), "schema": schema.model_json_schema(), "config": config},
        sort_keys=True, default=str,
    )
    return hashlib.sha256(material.encode()).hexdigest()


async def structured_reply(
    client: GeminiTextClient, *, model: str, prompt: str, schema: type[T], temperature: float,
    system: str | None, max_output_tokens: int, call_kind: str = "generation",
) -> Generated[T]:
    """A validated pydantic instance, or GenerationFailed naming the last problem.

    The reply is validated here rather than trusted from `response.parsed`, because the SDK
    sets `parsed=None` without saying why; our own error text is what the re-prompt needs.
    """
    note = ""
    tokens_in = tokens_out = 0
    cost = 0.0
    last = "no attempt made"
    attempts = client.config.max_attempts
    applied = not catalog.ignores_temperature(model)
    level = client.config.thinking_levels.get(call_kind, "low")
    for attempt in range(1, attempts + 1):
        thinking = client._thinking(model, level)
        config = types.GenerateContentConfig(
            response_mime_type="application/json", response_schema=schema, temperature=temperature if applied else None,
            max_output_tokens=max_output_tokens, system_instruction=system, thinking_config=thinking,
        )
        key = request_key(model, system, prompt + note, schema,
                          {"temperature": temperature if applied else None, "max_output_tokens": max_output_tokens,
                           "thinking": thinking.model_dump(mode="json", exclude_none=True) if thinking else None})
        started = time.monotonic()
        hit = await client.guard.cached(key)
        if hit is not None:
            response = types.GenerateContentResponse.model_validate(hit.response)
            used, why, fallback, t_in, t_out = hit.model, CACHE_HIT_NOTE, hit.note, 0, 0
        else:  # holding: a budget stop waits until this paid reply is checked and cached
            routed = await client.call_routed(model, prompt + note, config, "text", holding=True)
            response, used, why = routed.response, routed.model, routed.note
            fallback = routed.note
            t_in, t_out = token_counts(response)
        try:
            latency = int((time.monotonic() - started) * 1000)
            call_cost = text_cost(used, t_in, t_out)
            served = getattr(response, "model_version", None)
            tokens_in, tokens_out, cost = tokens_in + t_in, tokens_out + t_out, cost + call_cost
            problem, finish = reply_problem(response)
            value: T | None = None
            if problem is None:
                try:
                    value = schema.model_validate_json(json_payload(response.text))
                except ValidationError as exc:
                    problem = f"invalid output: {validation_summary(exc)}"
                    note = (
                        "\n\nYour previous reply was rejected: "
                        f"{validation_summary(exc)}. Reply again with JSON that matches the schema exactly."
                    )
            if value is not None and hit is None:  # only validated replies are worth keeping
                await client.guard.store(key, used, dump_reply(response), call_cost, note=fallback)
        finally:
            if hit is None:
                client.guard.unhold()
        if value is not None:
            client._record(used, "text", latency, "ok", None, t_in, t_out, served, note=why, cost_usd=call_cost)
            return Generated(
                value=value, provider="gemini", model=used, tokens_in=tokens_in, tokens_out=tokens_out,
                cost_usd=round(cost, 6), attempts=attempt, model_version=served, temperature_applied=applied,
                thinking_level=level if catalog.is_gemini3(used) else None, fallback_reason=fallback,
            )
        if problem.startswith("invalid output"):
            pass  # the note with the validation error is already set
        elif finish == "MAX_TOKENS":
            max_output_tokens = min(max_output_tokens * 2, 65536)
            note = "\n\nYour previous reply was cut off. Be more concise: shorter strings, same structure."
        else:
            note = (
                "\n\nKeep every line brand-safe, factual and suitable for a general audience; "
                f"avoid sensitive topics. (retry {attempt})"
            )
        last = problem
        client._record(used, "text", latency, "retry" if attempt < attempts else "failed", problem, t_in, t_out,
                       served, note=why, cost_usd=call_cost)
    raise GenerationFailed(f"{schema.__name__}: {last} (after {attempts} attempts)", attempts=attempts)
