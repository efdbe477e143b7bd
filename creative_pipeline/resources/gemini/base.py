"""The interface the assets use for generation, bound to the `gemini` resource key.

Two sibling classes implement it and `build_resources` picks one when the definitions are built:
`GeminiResource` (live: google-genai with an API key or Vertex AI) and `OfflineGeminiResource`
(deterministic stand-in output, free, no network). Assets annotate their parameter with
`GenerationResource`, so either binds, and neither class carries an `if live` branch.

The fields here are the ones both need: the configured models (the cost estimates in the UI
name them even offline), the retry allowance estimates multiply by, the company budget and price
overrides. Each field names the setting that feeds it (`settings.setting`), which is also where its
default is written, once.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Optional

from dagster import ConfigurableResource

from creative_pipeline.resources.gemini.spend import pricing
from creative_pipeline.resources.gemini.content import ContentGenerator
from creative_pipeline.resources.gemini.spend.guard import ProviderGuard
from creative_pipeline.resources.gemini.spend.ledger import UsageLedger
from creative_pipeline.settings import setting


class GenerationResource(ConfigurableResource):
    """Text, image and video generation: live (`GeminiResource`) or offline (`OfflineGeminiResource`)."""

    text_model: str = setting("gemini_text_model")
    cheap_text_model: str = setting("gemini_cheap_text_model")
    cheap_text_for: list[str] = setting("gemini_cheap_text_for")
    image_model: str = setting("gemini_image_model")
    image_size: str = setting("gemini_image_size")
    video_model: str = setting("gemini_video_model")
    text_fallback_models: list[str] = setting("gemini_text_fallback_models")
    image_fallback_models: list[str] = setting("gemini_image_fallback_models")
    video_fallback_models: list[str] = setting("gemini_video_fallback_models")
    max_attempts: int = setting("gemini_max_attempts")
    price_overrides: Optional[str] = setting("gemini_price_overrides")
    company_budget_usd: float = setting("company_budget_usd")  # 0 = no limit

    @property
    @abstractmethod
    def provider(self) -> str:
        """What generated rows and metadata say made them: "gemini" or "offline"."""

    @property
    @abstractmethod
    def live(self) -> bool:
        """Whether calls reach a paid model (limits, budgets and prices apply)."""

    @abstractmethod
    def generator(self, ledger: UsageLedger, guard: ProviderGuard | None = None) -> ContentGenerator:
        """A fresh generator per step; `guard` holds the shared limits and the company's budget."""

    def model_settings(self) -> dict[str, str]:
        """{setting: model} of every model a run can call."""
        models = {"GEMINI_TEXT_MODEL": self.text_model, "GEMINI_IMAGE_MODEL": self.image_model,
                  "GEMINI_VIDEO_MODEL": self.video_model}
        if self.cheap_text_for:
            models["GEMINI_CHEAP_TEXT_MODEL"] = self.cheap_text_model
        return models

    def models_by_kind(self) -> dict[str, list[str]]:
        """The primary model and its fallbacks per request family, for cost ceilings."""
        return {"text": [self.text_model, *self.text_fallback_models],
                "image": [self.image_model, *self.image_fallback_models],
                "video": [self.video_model, *self.video_fallback_models]}

    def check_prices(self) -> None:
        """Apply GEMINI_PRICE_OVERRIDES (estimates use them); the live class also refuses a
        model without a price (no silent $0)."""
        pricing.set_overrides(self.price_overrides)
