"""The limits a deployment spends within, from settings (see README "Spend safely")."""

from __future__ import annotations

from pydantic import BaseModel, Field

from creative_pipeline.settings import DEFAULTS


class SpendPolicy(BaseModel):
    """Shared rate limits per request family, the breaker's thresholds, budgets and the cache."""

    requests_per_window: dict[str, int] = Field(default_factory=lambda: {
        "text": DEFAULTS.gemini_requests_per_minute, "image": DEFAULTS.gemini_image_requests_per_minute,
        "video": DEFAULTS.gemini_video_requests_per_minute})
    rate_window_s: float = DEFAULTS.gemini_rate_window_s
    breaker_threshold: int = DEFAULTS.circuit_breaker_threshold
    breaker_window_s: float = DEFAULTS.circuit_breaker_window_s
    breaker_cooldown_s: float = DEFAULTS.circuit_breaker_cooldown_s
    # None or 0 = no limit (only when the operator says so)
    budget_default_usd: float | None = DEFAULTS.company_budget_usd
    # an open reservation of a crashed step stops counting after this
    reservation_ttl_s: float = DEFAULTS.spend_reservation_ttl_s
    cache_ttl_hours: float = DEFAULTS.generation_cache_ttl_hours
    # also how long a half-open trial may take before another is allowed, and how long a count of
    # requests in flight is believed (a crashed process's count is forgotten after it)
    call_timeout_s: float = DEFAULTS.gemini_timeout_s

    rate_margin_s: float = 0.25  # measured: 0.1-0.2 s from a slot taken to the request arriving, on a busy host

    def window_for_limit(self) -> float:
        """The window we enforce: a little longer than the provider's, because a slot is taken
        here a moment before the request arrives there (thread hand-off, connection set-up), and
        the moments differ from request to request."""
        return self.rate_window_s * 1.02 + self.rate_margin_s
