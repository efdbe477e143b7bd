"""The `gemini` resource when there is no API key and no Vertex AI: the same interface as
`GeminiResource` (provider, live, generator, check_prices, model_settings), answered by the
deterministic offline generator. `build_resources` picks one of the two classes, so neither
carries an `if live` branch and the UI shows which one a deployment runs."""

from __future__ import annotations

from creative_pipeline.resources.gemini import pricing
from creative_pipeline.resources.gemini.content import ContentGenerator
from creative_pipeline.resources.gemini.guard import ProviderGuard
from creative_pipeline.resources.gemini.offline import OfflineContentGenerator
from creative_pipeline.resources.gemini.resource import GeminiResource
from creative_pipeline.resources.gemini.usage import UsageLedger


class OfflineGeminiResource(GeminiResource):
    """Deterministic stand-in output (not AI output), free: no prices, limits or budget apply."""

    @property
    def live(self) -> bool:
        return False

    def check_prices(self) -> None:
        """Nothing is billed offline, so no model needs a price (overrides still apply to estimates)."""
        pricing.set_overrides(self.price_overrides)

    def generator(self, ledger: UsageLedger, guard: ProviderGuard | None = None) -> ContentGenerator:
        return OfflineContentGenerator(ledger)
