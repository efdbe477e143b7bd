"""The `gemini` resource when there is no API key and no Vertex AI: a sibling of the live
`GeminiResource` behind the same `GenerationResource` interface, answered by the deterministic
offline generator. `build_resources` picks one of the two classes, so neither carries an
`if live` branch and the UI shows which one a deployment runs.

Nothing in this module (or what it imports) can reach the network: it does not import the
google-genai clients at all (`test_resource_choice.py` walks its imports)."""

from __future__ import annotations

from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.gemini.content import ContentGenerator
from creative_pipeline.resources.gemini.spend.guard import ProviderGuard
from creative_pipeline.resources.gemini.offline.generator import OfflineContentGenerator
from creative_pipeline.resources.gemini.spend.ledger import UsageLedger


class OfflineGeminiResource(GenerationResource):
    """OFFLINE (simulated) generation: deterministic stand-in output, not AI output, and free —
    no prices, limits or budget apply. Every row and metadata entry says provider=offline."""

    @property
    def provider(self) -> str:
        return "offline"

    @property
    def live(self) -> bool:
        return False

    def generator(self, ledger: UsageLedger, guard: ProviderGuard | None = None) -> ContentGenerator:
        return OfflineContentGenerator(ledger)
