"""`check-models`: is every configured model served today? A fresh check every time (a run's own
preflight is the cached one). Offline there is no client to ask: each model says so."""

from __future__ import annotations

import asyncio
from typing import Any

from creative_pipeline.resources.gemini.models.preflight import ModelCheck, check_models as ask_models
from creative_pipeline.resources.gemini.resource import GeminiResource
from creative_pipeline.resources.gemini.sdk.genai_client import make_sdk_client
from creative_pipeline.services.runtime import resources as default_resources

__all__ = ["ModelCheck", "check_models"]


def check_models(*, resources: dict[str, Any] | None = None) -> list[ModelCheck]:
    """One `ModelCheck` per model setting (ok / retired / unknown / error, with a suggested replacement)."""
    gemini = (resources or default_resources())["gemini"]
    models = gemini.model_settings()
    if not isinstance(gemini, GeminiResource):  # the offline class has no client to ask
        return [ModelCheck(setting=s, model=m, status="error", message="no GEMINI_API_KEY (offline provider): "
                           "nothing to check") for s, m in models.items()]
    return asyncio.run(ask_models(make_sdk_client(gemini.process_config_and_initialize().client_config()), models))
