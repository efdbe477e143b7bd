"""The live `gemini` Dagster resource: google-genai with an API key (or Vertex AI). Without
either, `build_resources` picks its sibling `OfflineGeminiResource` (offline_resource.py); both
implement `GenerationResource` (base.py), the type the assets ask for.
Every live generator checks the configured models once before its first paid call
(`preflight`, cached on disk), and every model must have a list price."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from creative_pipeline.resources.gemini.models import catalog
from creative_pipeline.resources.gemini.spend import pricing
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.gemini.sdk.text_client import GeminiTextClient
from creative_pipeline.resources.gemini.sdk.genai_client import ClientConfig
from creative_pipeline.resources.gemini.content import ContentGenerator
from creative_pipeline.resources.gemini.spend.guard import ProviderGuard
from creative_pipeline.resources.gemini.sdk.live_generator import GeminiContentGenerator
from creative_pipeline.resources.gemini.sdk.media_client import GeminiMediaClient
from creative_pipeline.resources.gemini.models.preflight import CheckCache, preflight
from creative_pipeline.resources.gemini.spend.ledger import UsageLedger
from creative_pipeline.resources.gemini.video.backends import InteractionsBackend, VeoBackend
from creative_pipeline.resources.gemini.video.render import VideoRenderer
from creative_pipeline.settings import setting


class GeminiResource(GenerationResource):
    """Live generation (Gemini API or Vertex AI, billed): retries, shared limits, a circuit
    breaker, the company budget and a cost ledger. Fields name their setting (`settings.setting`)."""

    api_key: Optional[str] = setting("gemini_api_key", secret=True)
    base_url: Optional[str] = setting("gemini_base_url")
    api_version: str = setting("gemini_api_version")
    video_backend: str = setting("gemini_video_backend")
    vertexai: bool = setting("google_genai_use_vertexai")
    project: Optional[str] = setting("google_cloud_project")
    location: Optional[str] = setting("google_cloud_location")
    thinking_level_generation: str = setting("gemini_thinking_level_generation")
    thinking_level_scoring: str = setting("gemini_thinking_level_scoring")
    model_check_ttl_s: float = setting("model_check_ttl_s")
    model_check_cache: Optional[str] = None  # JSON file; None = no cache (check once per step)
    max_concurrency: int = setting("gemini_max_concurrency")
    requests_per_minute: int = setting("gemini_requests_per_minute")
    timeout_s: float = setting("gemini_timeout_s")
    backoff_base_s: float = setting("gemini_backoff_base_s")
    thinking_budget: Optional[int] = setting("gemini_thinking_budget")
    image_requests_per_minute: int = setting("gemini_image_requests_per_minute")
    video_requests_per_minute: int = setting("gemini_video_requests_per_minute")
    rate_window_s: float = setting("gemini_rate_window_s")
    circuit_breaker_threshold: int = setting("circuit_breaker_threshold")
    circuit_breaker_window_s: float = setting("circuit_breaker_window_s")
    circuit_breaker_cooldown_s: float = setting("circuit_breaker_cooldown_s")
    spend_reservation_ttl_s: float = setting("spend_reservation_ttl_s")
    generation_cache_ttl_hours: float = setting("generation_cache_ttl_hours")
    video_poll_interval_s: float = setting("video_poll_interval_s")
    video_deadline_s: float = setting("video_deadline_s")
    video_result_retention_h: float = setting("video_result_retention_h")

    @property
    def provider(self) -> str:
        return "gemini"

    @property
    def live(self) -> bool:
        return True

    def client_config(self) -> ClientConfig:
        return ClientConfig(
            api_key=self.api_key or "", base_url=self.base_url, api_version=self.api_version, timeout_s=self.timeout_s,
            max_attempts=self.max_attempts, max_concurrency=self.max_concurrency,
            requests_per_minute=self.requests_per_minute, backoff_base_s=self.backoff_base_s,
            thinking_budget=self.thinking_budget, vertexai=self.vertexai, project=self.project, location=self.location,
            thinking_levels={"generation": self.thinking_level_generation, "scoring": self.thinking_level_scoring},
            model_settings={catalog.bare(m): s for s, m in self.model_settings().items()},
            fallback_models={"text": self.text_fallback_models, "image": self.image_fallback_models,
                             "video": self.video_fallback_models},
        )

    def check_prices(self) -> None:
        """No silent $0: every configured model needs a price (table or GEMINI_PRICE_OVERRIDES)."""
        super().check_prices()
        pricing.require_prices(self.model_settings())

    def generator(self, ledger: UsageLedger, guard: ProviderGuard | None = None) -> ContentGenerator:
        """A fresh generator per step (the SDK's async client binds to the running loop); `guard`
        holds the deployment's shared limits and the company's budget (none: no limits)."""
        if not (self.api_key or self.vertexai):
            raise ValueError("GeminiResource needs GEMINI_API_KEY or Vertex AI; build_resources picks "
                             "OfflineGeminiResource when neither is set")
        self.check_prices()
        text = GeminiTextClient(self.client_config(), ledger, guard)
        cache = CheckCache(Path(self.model_check_cache) if self.model_check_cache else None, self.model_check_ttl_s)
        endpoint = self.base_url or ("vertex" if self.vertexai else "gemini-api")

        async def check() -> None:
            await preflight(text.client, self.model_settings(), cache, endpoint)

        text.preflight = check
        backend_cls = VeoBackend if catalog.video_backend(self.video_model, self.video_backend) == "veo" else InteractionsBackend
        backend = backend_cls(text.client, api_key=self.api_key, base_url=self.base_url, timeout_s=self.timeout_s)
        renderer = VideoRenderer(text, backend, poll_interval_s=self.video_poll_interval_s,
                                 deadline_s=self.video_deadline_s, retention_h=self.video_result_retention_h)
        media = GeminiMediaClient(text, renderer, image_size=self.image_size)
        return GeminiContentGenerator(
            text, media, text_model=self.text_model, image_model=self.image_model, video_model=self.video_model,
            cheap_text_model=self.cheap_text_model, cheap_for=tuple(self.cheap_text_for),
        )
