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

    @classmethod
    def refused(cls, reason: str, code: int | None, status: str | None, message: str | None,
                attempts: int) -> PermanentProviderError:
        """The provider's refusal with what to do about it (`remedy`)."""
        return cls(f"{reason}; {remedy(code, status, message)}", attempts=attempts)


class BudgetExceeded(PermanentProviderError):
    """The next paid call would take the company past its budget: it was not made."""


class ProviderOutage(PermanentProviderError):
    """The model's circuit breaker is open (an outage): calls fail fast instead of being sent."""


def remedy(code: int | None, status: str | None, message: str | None) -> str:
    """What the operator does about a request the provider refused: the failure says it, because
    the provider's own words ("consumer has been suspended") do not name our setting."""
    text = f"{status} {message}".lower()
    if code in (401, 403) or "api key" in text or "api_key" in text:
        return ("check GEMINI_API_KEY (revoked, wrong, or without access to this model) or the Vertex AI "
                "credentials, then re-run the stage")
    if code == 429:
        return "raise the project's quota or billing limit (or wait for the daily reset), then re-run the stage"
    return "check the model settings (`creative-pipeline check-models`), then re-run the stage"


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


class RetiredModelError(PermanentProviderError):
    """The service no longer serves a configured model (404 NOT_FOUND "no longer available",
    "is not found"): no retry can help, so the run stops at once naming the setting to change."""

    def __init__(self, model: str, *, setting: str | None, suggested: str | None, detail: str) -> None:
        where = f"{setting}={model}" if setting else model
        hint = f"; set {setting or 'the model setting'} to {suggested}" if suggested else ""
        super().__init__(f"model {where} is not served by the Gemini API ({detail}){hint}", attempts=1)
        self.model, self.setting, self.suggested, self.detail = model, setting, suggested, detail


def is_model_gone(code: int | None, message: str | None) -> bool:
    """A 404 about the model itself: the real shapes are "This model models/X is no longer
    available [to new users]..." and "models/X is not found for API version v1beta..."."""
    text = (message or "").lower()
    return code == 404 and ("no longer available" in text or "not found" in text or "not supported" in text)


_SUGGESTION = re.compile(r"(?:use|migrate to|switch to|replaced by)\s+(?:models/)?(?P<model>[a-z0-9][a-z0-9.\-]+[a-z0-9])",
                         re.IGNORECASE)


def suggested_in(message: str | None) -> str | None:
    """The replacement a 404 message names ("...use gemini-3.8-flash instead"), if any."""
    match = _SUGGESTION.search(message or "")
    model = match["model"] if match else None
    return model if model and any(ch.isdigit() for ch in model) else None
