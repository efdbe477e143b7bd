"""Resources from settings: the only place configuration becomes resource instances.

Secrets go in as `EnvVar` so the Dagster UI shows the variable's name, never its value.
"""

from __future__ import annotations

import os
from typing import Any

from dagster import EnvVar

from creative_pipeline.resources.policies.media import MediaPolicy
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.gemini.offline_resource import OfflineGeminiResource
from creative_pipeline.resources.gemini.resource import GeminiResource
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.resources.trends.resource import TrendsResource
from creative_pipeline.resources.web.resource import WebResource
from creative_pipeline.resources.policies.scoring import ScoringPolicy
from creative_pipeline.settings import Settings


def _secret(name: str, value: str | None) -> Any:
    """EnvVar when the value came from the environment; the plain value when set in code (tests)."""
    if value is None:
        return None
    return EnvVar(name) if os.environ.get(name) == value else value


def build_resources(s: Settings) -> dict[str, Any]:
    """Also the startup check of "no silent $0": a live configuration whose models the price
    table cannot price is refused here, naming the model and the table."""
    resources = _resources(s)
    resources["gemini"].check_prices()
    return resources


def _resources(s: Settings) -> dict[str, Any]:
    return {
        "supabase": SupabaseResource(
            database_url=_secret("DATABASE_URL", s.database_url),
            data_dir=str(s.data_dir),
            supabase_dir=str(s.supabase_dir),
            supabase_url=s.supabase_url,
            service_role_key=_secret("SUPABASE_SERVICE_ROLE_KEY", s.supabase_service_role_key),
            bucket=s.storage_bucket,
            signed_url_ttl_s=s.signed_url_ttl_s,
        ),
        "gemini": gemini_resource(s),
        "web": WebResource(allow_hosts=s.web_allow_hosts),
        "trends": TrendsResource(
            backend=s.trends_backend, base_url=s.trends_base_url, geo=s.trends_geo, timeframe=s.trends_timeframe,
            cache_ttl_hours=s.trends_cache_ttl_hours, max_keywords=s.trends_max_keywords,
        ),
        "scoring": ScoringPolicy(
            weight_llm=s.score_weight_llm, weight_trend=s.score_weight_trend, weight_viral=s.score_weight_viral,
            prior_weight=s.performance_prior_weight, winners_count=s.winners_count,
        ),
        "media": media_policy(s),
    }


def media_policy(s: Settings) -> MediaPolicy:
    return MediaPolicy(video_top_n=s.video_top_n, approval_gate=s.video_approval_gate)


def gemini_resource(s: Settings) -> GenerationResource:
    """Live with a key or Vertex AI, else offline: two classes behind one interface, chosen here."""
    shared = dict(
        text_model=s.gemini_text_model, cheap_text_model=s.gemini_cheap_text_model,
        cheap_text_for=s.gemini_cheap_text_for, image_model=s.gemini_image_model, image_size=s.gemini_image_size,
        video_model=s.gemini_video_model, text_fallback_models=s.gemini_text_fallback_models,
        image_fallback_models=s.gemini_image_fallback_models, video_fallback_models=s.gemini_video_fallback_models,
        max_attempts=s.gemini_max_attempts, price_overrides=s.gemini_price_overrides,
        company_budget_usd=s.company_budget_usd,
    )
    if s.offline:
        return OfflineGeminiResource(**shared)
    return GeminiResource(
        **shared,
        api_key=_secret("GEMINI_API_KEY", s.gemini_api_key),
        base_url=s.gemini_base_url,
        api_version=s.gemini_api_version,
        video_backend=s.gemini_video_backend,
        vertexai=s.google_genai_use_vertexai,
        project=s.google_cloud_project,
        location=s.google_cloud_location,
        thinking_level_generation=s.gemini_thinking_level_generation,
        thinking_level_scoring=s.gemini_thinking_level_scoring,
        model_check_ttl_s=s.model_check_ttl_s,
        model_check_cache=str(s.data_dir / "model_checks.json"),
        max_concurrency=s.gemini_max_concurrency,
        requests_per_minute=s.gemini_requests_per_minute,
        timeout_s=s.gemini_timeout_s,
        backoff_base_s=s.gemini_backoff_base_s,
        thinking_budget=s.gemini_thinking_budget,
        image_requests_per_minute=s.gemini_image_requests_per_minute,
        video_requests_per_minute=s.gemini_video_requests_per_minute,
        rate_window_s=s.gemini_rate_window_s,
        circuit_breaker_threshold=s.circuit_breaker_threshold,
        circuit_breaker_window_s=s.circuit_breaker_window_s,
        circuit_breaker_cooldown_s=s.circuit_breaker_cooldown_s,
        spend_reservation_ttl_s=s.spend_reservation_ttl_s,
        generation_cache_ttl_hours=s.generation_cache_ttl_hours,
        video_poll_interval_s=s.video_poll_interval_s,
        video_deadline_s=s.video_deadline_s,
        video_result_retention_h=s.video_result_retention_h,
    )
