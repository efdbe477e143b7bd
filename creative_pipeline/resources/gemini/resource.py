"""The `gemini` Dagster resource: live google-genai when an API key is set, offline otherwise."""

from __future__ import annotations

from typing import Optional

from dagster import ConfigurableResource

from creative_pipeline.resources.gemini.client import ClientConfig, GeminiTextClient
from creative_pipeline.resources.gemini.content import ContentGenerator
from creative_pipeline.resources.gemini.live import GeminiContentGenerator
from creative_pipeline.resources.gemini.media_client import GeminiMediaClient
from creative_pipeline.resources.gemini.offline import OfflineContentGenerator
from creative_pipeline.resources.gemini.usage import UsageLedger


class GeminiResource(ConfigurableResource):
    """Text, image and video generation with retries, limits and a cost ledger."""

    api_key: Optional[str] = None
    base_url: Optional[str] = None
    api_version: str = "v1beta"
    text_model: str = "gemini-2.5-flash"
    image_model: str = "gemini-2.5-flash-image"
    video_model: str = "veo-3.1-fast-generate-preview"
    max_concurrency: int = 8
    requests_per_minute: int = 120
    max_attempts: int = 4
    timeout_s: float = 120.0
    backoff_base_s: float = 1.0
    thinking_budget: Optional[int] = 0
    video_poll_interval_s: float = 10.0
    video_deadline_s: float = 360.0

    @property
    def provider(self) -> str:
        return "gemini" if self.api_key else "offline"

    def generator(self, ledger: UsageLedger) -> ContentGenerator:
        """A fresh generator per step (the SDK's async client binds to the running loop)."""
        if not self.api_key:
            return OfflineContentGenerator(ledger)
        config = ClientConfig.model_validate({name: getattr(self, name) for name in ClientConfig.model_fields})
        text = GeminiTextClient(config, ledger)
        media = GeminiMediaClient(text, poll_interval_s=self.video_poll_interval_s, video_deadline_s=self.video_deadline_s)
        return GeminiContentGenerator(
            text, media, text_model=self.text_model, image_model=self.image_model, video_model=self.video_model
        )
