"""Live and offline generation are two resource classes behind one interface, chosen when the
resources are built: no key and no Vertex AI → offline; a key → live (which refuses to run keyless)."""

from __future__ import annotations

import pytest

from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.gemini.offline import OfflineContentGenerator
from creative_pipeline.resources.gemini.offline_resource import OfflineGeminiResource
from creative_pipeline.resources.gemini.resource import GeminiResource
from creative_pipeline.resources.gemini.usage import UsageLedger
from creative_pipeline.settings import Settings


def test_no_key_builds_the_offline_resource(tmp_path) -> None:
    gemini = build_resources(Settings(CP_DATA_DIR=tmp_path, GEMINI_API_KEY=None))["gemini"]
    assert type(gemini) is OfflineGeminiResource and isinstance(gemini, GeminiResource)
    assert (gemini.live, gemini.provider) == (False, "offline")
    assert isinstance(gemini.generator(UsageLedger("t")), OfflineContentGenerator)


def test_a_key_builds_the_live_resource(tmp_path) -> None:
    gemini = build_resources(Settings(CP_DATA_DIR=tmp_path, GEMINI_API_KEY="test-key"))["gemini"]
    assert type(gemini) is GeminiResource
    assert (gemini.live, gemini.provider) == (True, "gemini")


def test_the_live_resource_refuses_to_run_without_a_key() -> None:
    with pytest.raises(ValueError, match="OfflineGeminiResource"):
        GeminiResource().generator(UsageLedger("t"))
