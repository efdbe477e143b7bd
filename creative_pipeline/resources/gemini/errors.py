"""What can go wrong when generating, sorted by what the caller should do about it."""

from __future__ import annotations

import re
from typing import Any


class GenerationFailed(RuntimeError):
    """One item could not be generated after the retry policy: record it, keep the others."""

    def __init__(self, reason: str, *, attempts: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.attempts = attempts


class PermanentProviderError(GenerationFailed):
    """A request the provider will never accept (bad key, bad model, bad argument)."""


_DELAY = re.compile(r"^\s*(?P<seconds>\d+(?:\.\d+)?)s\s*$")


def retry_delay_seconds(details: Any) -> float | None:
    """The server's `google.rpc.RetryInfo.retryDelay` (e.g. "1.5s"), if it sent one.

    The SDK ignores it (STACK_NOTES), so we honour it ourselves on 429.
    """
    error = details.get("error", details) if isinstance(details, dict) else None
    items = error.get("details", []) if isinstance(error, dict) else details if isinstance(details, list) else []
    for item in items or []:
        if isinstance(item, dict) and str(item.get("@type", "")).endswith("google.rpc.RetryInfo"):
            match = _DELAY.match(str(item.get("retryDelay", "")))
            if match:
                return float(match["seconds"])
    return None
