"""A step's guard from the `gemini` resource's settings: the one place they meet the database."""

from __future__ import annotations

from creative_pipeline.domain.company import Company
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.gemini.spend.guard import ProviderGuard
from creative_pipeline.resources.gemini.resource import GeminiResource
from creative_pipeline.resources.gemini.spend.ledger import UsageLedger
from creative_pipeline.resources.spend.guard import PostgresGuard
from creative_pipeline.resources.spend.policy import SpendPolicy
from creative_pipeline.resources.supabase.database import Database


def spend_policy(gemini: GeminiResource) -> SpendPolicy:
    return SpendPolicy(
        requests_per_window={"text": gemini.requests_per_minute, "image": gemini.image_requests_per_minute,
                             "video": gemini.video_requests_per_minute},
        rate_window_s=gemini.rate_window_s,
        breaker_threshold=gemini.circuit_breaker_threshold,
        breaker_window_s=gemini.circuit_breaker_window_s,
        breaker_cooldown_s=gemini.circuit_breaker_cooldown_s,
        budget_default_usd=gemini.company_budget_usd or None,
        reservation_ttl_s=gemini.spend_reservation_ttl_s,
        cache_ttl_hours=gemini.generation_cache_ttl_hours,
        call_timeout_s=gemini.timeout_s,
    )


def provider_guard(db: Database, company: Company | None, gemini: GenerationResource,
                   ledger: UsageLedger) -> ProviderGuard:
    """The Postgres guard for a live provider; the no-op guard offline (nothing is paid)."""
    if not isinstance(gemini, GeminiResource):
        return ProviderGuard()
    return PostgresGuard(
        db, company_id=company.id if company else None, company_slug=company.slug if company else "-",
        step=ledger.step, session_id=ledger.session_id, policy=spend_policy(gemini),
    )
