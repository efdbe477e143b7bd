"""Fault queue, rate limiter and Google-format error bodies for the Gemini simulator.

Faults are what the pipeline must survive in production (malformed JSON, truncation,
safety blocks, 429/5xx, missing images, stuck video operations).  Each fault only
matches the requests it makes sense for, so a test can inject `no_image` while text
calls run concurrently and still be sure the image call is the one that fails.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Final

from .gemini_sim_schema import SchemaGenerator, kw, types_of

ENDPOINTS: Final = ("generateContent", "predictLongRunning", "operation", "download", "interactions.create",
                    "interactions.get")

# fault -> (endpoints it may apply to, request flavour: "text" | "image" | "any")
FAULTS: Final[dict[str, tuple[tuple[str, ...], str]]] = {
    "invalid_json": (("generateContent",), "text"),
    "truncated": (("generateContent",), "text"),
    "wrong_schema": (("generateContent",), "text"),
    "prompt_blocked": (("generateContent",), "any"),
    "safety": (("generateContent",), "any"),
    "empty_candidates": (("generateContent",), "any"),
    "no_image": (("generateContent",), "image"),
    "image_safety": (("generateContent",), "image"),
    "text_only": (("generateContent",), "image"),
    "short_list": (("generateContent",), "text"),  # valid JSON, its first list cut to half (a lax model)
    "timeout": (("generateContent",), "any"),  # the reply comes after `timeout_sleep_s`
    "permission_denied": (ENDPOINTS, "any"),  # 403 PERMISSION_DENIED (a revoked key)
    "unauthenticated": (ENDPOINTS, "any"),  # 401 UNAUTHENTICATED
    "quota_exhausted": (ENDPOINTS, "any"),  # 429 without RetryInfo (billing / daily quota)
    "rate_limited": (ENDPOINTS, "any"),
    "server_error": (ENDPOINTS, "any"),
    "unavailable": (ENDPOINTS, "any"),
    # Video faults are bound to an operation when it is created, and show up on its polls.
    "never_done": (("predictLongRunning",), "any"),
    "no_videos": (("predictLongRunning",), "any"),
    "operation_error": (("predictLongRunning",), "any"),
    "poll_rate_limited": (("operation", "interactions.get"), "any"),
    # Interactions API (Omni video): bound to the interaction at creation, seen on its polls.
    "interaction_failed": (("interactions.create",), "any"),
    "interaction_incomplete": (("interactions.create",), "any"),
    "interaction_never_done": (("interactions.create",), "any"),
    # Either video path: the render completes, but in the other orientation and 2 s short
    # (reported of Omni: the requested aspect ratio and duration ignored without an error).
    "wrong_shape": (("interactions.create", "predictLongRunning"), "any"),
}

_STATUS: Final = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}


@dataclass
class Fault:
    """One queued fault; `remaining` counts how many more requests it will hit."""

    name: str
    remaining: int
    model: str | None
    endpoint: str | None
    retry_delay: str | None

    def matches(self, endpoint: str, model: str | None, is_image: bool) -> bool:
        endpoints, flavour = FAULTS[self.name]
        if endpoint not in endpoints or (self.endpoint and self.endpoint != endpoint):
            return False
        if self.model and self.model != model:
            return False
        if flavour == "text" and is_image:
            return False
        return not (flavour == "image" and not is_image)


class FaultQueue:
    """FIFO of faults; the first matching request consumes one unit of the first match."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, name: str, times: int, model: str | None, endpoint: str | None, retry_delay: str | None) -> None:
        if name not in FAULTS:
            raise ValueError(f"unknown fault {name!r}; known: {sorted(FAULTS)}")
        if endpoint is not None and endpoint not in FAULTS[name][0]:
            raise ValueError(f"fault {name!r} cannot apply to endpoint {endpoint!r}; allowed: {FAULTS[name][0]}")
        if times < 1:
            raise ValueError("times must be >= 1")
        model = model.removeprefix("models/") if model else None
        with self._lock:
            self._faults.append(Fault(name, times, model, endpoint, retry_delay))

    def take(self, endpoint: str, model: str | None, is_image: bool) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(endpoint, model, is_image):
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def pending(self) -> list[tuple[str, int]]:
        with self._lock:
            return [(f.name, f.remaining) for f in self._faults]

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()


class RateLimiter:
    """Sliding-window requests-per-minute limit, per model (as Google's quotas are)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hits: dict[str, deque[float]] = {}

    def check(self, key: str, limit: int | None, window_s: float) -> float | None:
        """Record a hit and return None, or return seconds until a slot frees up."""
        if not limit:
            return None
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] >= window_s:
                hits.popleft()
            if len(hits) >= limit:
                return max(0.001, window_s - (now - hits[0]))
            hits.append(now)
            return None

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()


def format_delay(seconds: float) -> str:
    """google.protobuf.Duration JSON form, e.g. "1s" or "0.25s"."""
    text = f"{seconds:.3f}".rstrip("0").rstrip(".")
    return f"{text}s"


def error_body(code: int, message: str, retry_delay: str | None = None, model: str | None = None,
               *, retry_info: bool = True) -> dict[str, Any]:
    """Google's error envelope; 429s carry QuotaFailure + RetryInfo like the real API (an
    exhausted billing or daily quota comes without RetryInfo: `retry_info=False`)."""
    error: dict[str, Any] = {"code": code, "message": message, "status": _STATUS.get(code, "UNKNOWN")}
    if code == 429 and not retry_info:
        error["details"] = [{"@type": "type.googleapis.com/google.rpc.QuotaFailure",
                             "violations": [{"quotaId": "GenerateRequestsPerDayPerProjectPerModel"}]}]
    elif code == 429:
        error["details"] = [
            {
                "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                "violations": [
                    {
                        "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                        "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                        "quotaDimensions": {"location": "global", "model": model or "unknown"},
                    }
                ],
            },
            {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": retry_delay or "1s"},
        ]
    elif code == 403:
        error["details"] = [
            {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_MISSING" if "missing" in message.lower() else "PERMISSION_DENIED",
             "domain": "googleapis.com"}
        ]
    return {"error": error}


def permanent_refusal(name: str | None, model: str | None) -> tuple[int, dict[str, Any]] | None:
    """(status, body) of the faults a client must never retry: a revoked key, bad credentials,
    an exhausted billing or daily quota (429 without RetryInfo)."""
    if name == "permission_denied":
        return 403, error_body(403, "Permission denied: consumer has been suspended or the key revoked.")
    if name == "unauthenticated":
        return 401, error_body(401, "Request had invalid authentication credentials.")
    if name == "quota_exhausted":
        return 429, error_body(429, "You exceeded your current quota, check your plan and billing details.",
                               model=model, retry_info=False)
    return None


def break_schema(value: Any, schema: dict[str, Any] | None, gen: SchemaGenerator) -> Any:
    """Return valid JSON that violates `schema` (drop a required field, wrong types)."""
    if not schema:
        return ["unexpected", "shape"]
    resolved = gen.resolve(schema)
    types = types_of(resolved)
    if "object" in types or "properties" in resolved:
        broken = dict(value) if isinstance(value, dict) else {}
        required = list(kw(resolved, "required") or [])
        if required:
            broken.pop(required[0], None)
        for prop, sub in (resolved.get("properties") or {}).items():
            if prop in broken:
                is_str = "string" in types_of(gen.resolve(sub))
                broken[prop] = {"wrong": 1} if is_str else "wrong-type"
                break
        if not required and not broken:
            return ["not", "an", "object"]
        return broken
    if "array" in types:
        return {"unexpected": "object instead of array"}
    if "string" in types:
        return {"unexpected": "object instead of string"}
    return "wrong-type"
