"""The google-genai client and the settings it is built from, shared by the text and media
clients, the video backends and `check-models`."""

from __future__ import annotations

from google import genai
from google.genai import types
from pydantic import BaseModel

from creative_pipeline.settings import DEFAULTS


class ClientConfig(BaseModel):
    api_key: str
    base_url: str | None = DEFAULTS.gemini_base_url
    api_version: str = DEFAULTS.gemini_api_version
    timeout_s: float = DEFAULTS.gemini_timeout_s
    max_attempts: int = DEFAULTS.gemini_max_attempts
    max_concurrency: int = DEFAULTS.gemini_max_concurrency
    requests_per_minute: int = DEFAULTS.gemini_requests_per_minute
    backoff_base_s: float = DEFAULTS.gemini_backoff_base_s
    # Gemini 2.x only: 0 = no thinking tokens; None = the model's default
    thinking_budget: int | None = DEFAULTS.gemini_thinking_budget
    # Gemini 3 thinking_level per kind
    thinking_levels: dict[str, str] = {"generation": DEFAULTS.gemini_thinking_level_generation,
                                       "scoring": DEFAULTS.gemini_thinking_level_scoring}
    model_settings: dict[str, str] = {}  # model id -> the setting that names it, for error messages
    vertexai: bool = DEFAULTS.google_genai_use_vertexai
    project: str | None = DEFAULTS.google_cloud_project
    location: str | None = DEFAULTS.google_cloud_location
    fallback_models: dict[str, list[str]] = {}  # kind -> ordered fallbacks while the primary is down


def make_sdk_client(config: ClientConfig) -> genai.Client:
    """The google-genai client: API key (Gemini API) or Vertex AI (ADC + project/location, where
    Veo lives now). `api_version` is always explicit: 2.34 defaults to v1beta, 3.x to v1."""
    options = types.HttpOptions(base_url=config.base_url, api_version=config.api_version,
                                timeout=int(config.timeout_s * 1000))
    if config.vertexai:
        return genai.Client(vertexai=True, project=config.project, location=config.location, http_options=options)
    return genai.Client(api_key=config.api_key, http_options=options)
