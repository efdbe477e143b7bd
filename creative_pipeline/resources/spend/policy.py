"""The limits a deployment spends within, from settings (see README "Spend safely")."""

from __future__ import annotations

from pydantic import BaseModel, Field


class SpendPolicy(BaseModel):
    """Shared rate limits per request family, the breaker's thresholds, budgets and the cache."""

    requests_per_window: dict[str, int] = Field(default_factory=lambda: {"text": 120, "image": 60, "video": 10})
    rate_window_s: float = 60.0
    breaker_threshold: int = 5
    breaker_window_s: float = 120.0
    breaker_cooldown_s: float = 60.0
    budget_default_usd: float | None = 25.0  # None or 0 = no limit (only when the operator says so)
    reservation_ttl_s: float = 900.0  # an open reservation of a crashed step stops counting after this
    cache_ttl_hours: float = 72.0
    call_timeout_s: float = 120.0  # also how long a half-open trial may take before another is allowed

    rate_margin_s: float = 0.25  # measured: 0.1-0.2 s from a slot taken to the request arriving, on a busy host

    def window_for_limit(self) -> float:
        """The window we enforce: a little longer than the provider's, because a slot is taken
        here a moment before the request arrives there (thread hand-off, connection set-up), and
        the moments differ from request to request."""
        return self.rate_window_s * 1.02 + self.rate_margin_s
