"""The live `gemini` Dagster resource: google-genai with an API key (or Vertex AI). Without
either, `build_resources` picks `OfflineGeminiResource` (offline_resource.py), same interface.
Every live generator checks the configured models once before its first paid call
(`preflight`, cached on disk), and every model must have a list price."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from dagster import ConfigurableResource

from creative_pipeline.resources.gemini import catalog, pricing
from creative_pipeline.resources.gemini.client import GeminiTextClient
from creative_pipeline.resources.gemini.sdk import ClientConfig
from creative_pipeline.resources.gemini.content import ContentGenerator
from creative_pipeline.resources.gemini.guard import ProviderGuard
from creative_pipeline.resources.gemini.live import GeminiContentGenerator
from creative_pipeline.resources.gemini.media_client import GeminiMediaClient
from creative_pipeline.resources.gemini.preflight import CheckCache, preflight
from creative_pipeline.resources.gemini.usage import UsageLedger
from creative_pipeline.resources.gemini.video_backends import InteractionsBackend, VeoBackend
from creative_pipeline.resources.gemini.video_render import VideoRenderer


class GeminiResource(ConfigurableResource):
    """Text, image and video generation with retries, limits and a cost ledger."""

    api_key: Optional[str] = None
    base_url: Optional[str] = None
    api_version: str = "v1beta"
    text_model: str = catalog.DEFAULT_TEXT_MODEL
    cheap_text_model: str = catalog.DEFAULT_CHEAP_TEXT_MODEL
    cheap_text_for: list[str] = []
    image_model: str = catalog.DEFAULT_IMAGE_MODEL
    image_size: str = "1K"
    video_model: str = catalog.DEFAULT_VIDEO_MODEL
    video_backend: str = "auto"
    vertexai: bool = False
    project: Optional[str] = None
    location: Optional[str] = None
    thinking_level_generation: str = "low"
    thinking_level_scoring: str = "medium"
    price_overrides: Optional[str] = None
    model_check_ttl_s: float = 6 * 3600
    model_check_cache: Optional[str] = None  # JSON file; None = no cache (check once per step)
    max_concurrency: int = 8
    requests_per_minute: int = 120
    max_attempts: int = 4
    timeout_s: float = 120.0
    backoff_base_s: float = 1.0
    thinking_budget: Optional[int] = 0
    text_fallback_models: list[str] = []
    image_fallback_models: list[str] = []
    video_fallback_models: list[str] = []
    image_requests_per_minute: int = 60
    video_requests_per_minute: int = 10
    rate_window_s: float = 60.0
    circuit_breaker_threshold: int = 5
    circuit_breaker_window_s: float = 120.0
    circuit_breaker_cooldown_s: float = 60.0
    company_budget_usd: float = 25.0  # 0 = no limit
    spend_reservation_ttl_s: float = 900.0
    generation_cache_ttl_hours: float = 72.0
    video_poll_interval_s: float = 10.0
    video_deadline_s: float = 360.0
    video_result_retention_h: float = 47.0

    @property
    def provider(self) -> str:
        return "gemini" if self.live else "offline"

    @property
    def live(self) -> bool:
        """True for this class; `OfflineGeminiResource` answers False."""
        return True

    def model_settings(self) -> dict[str, str]:
        """{setting: model} of every model a run can call."""
        models = {"GEMINI_TEXT_MODEL": self.text_model, "GEMINI_IMAGE_MODEL": self.image_model,
                  "GEMINI_VIDEO_MODEL": self.video_model}
        if self.cheap_text_for:
            models["GEMINI_CHEAP_TEXT_MODEL"] = self.cheap_text_model
        return models

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
        pricing.set_overrides(self.price_overrides)
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
