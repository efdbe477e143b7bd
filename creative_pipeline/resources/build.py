"""Resources from settings: the only place configuration becomes resource instances.

No argument list is written here: each resource field names the setting that feeds it where it is
declared (`settings.setting("gemini_max_attempts")`, which also gives it the setting's one default),
and `from_settings` reads those names. Only what no setting holds as such is passed by hand: the
model-check cache file (a path under CP_DATA_DIR). Secrets (`setting(..., secret=True)`) go in as
`EnvVar` when they came from the environment, so the Dagster UI shows the variable's name, never its value.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar

from dagster import EnvVar
from pydantic import BaseModel

from creative_pipeline.resources.policies.media import MediaPolicy
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.gemini.offline_resource import OfflineGeminiResource
from creative_pipeline.resources.gemini.resource import GeminiResource
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.resources.trends.resource import TrendsResource
from creative_pipeline.resources.web.resource import WebResource
from creative_pipeline.resources.policies.scoring import ScoringPolicy
from creative_pipeline.settings import Settings

M = TypeVar("M", bound=BaseModel)


def _secret(name: str, value: str | None) -> Any:
    """EnvVar when the value came from the environment; the plain value when set in code (tests)."""
    if value is None:
        return None
    return EnvVar(name) if os.environ.get(name) == value else value


def fed_by(cls: type[BaseModel]) -> dict[str, str]:
    """{field: setting} of the fields of `cls` that a setting feeds (declared with `setting(...)`)."""
    return {field: extra["setting"] for field, info in cls.model_fields.items()
            if isinstance(extra := info.json_schema_extra, dict) and "setting" in extra}


def from_settings(cls: type[M], s: Settings, **derived: Any) -> M:
    """An instance of `cls` with every field a setting feeds taken from `s` (`derived`: the values
    no single setting holds)."""
    values: dict[str, Any] = {}
    for field, name in fed_by(cls).items():
        value = getattr(s, name)
        if (cls.model_fields[field].json_schema_extra or {}).get("secret"):  # type: ignore[union-attr]
            value = _secret(Settings.model_fields[name].alias or name.upper(), value)
        values[field] = str(value) if isinstance(value, Path) else value
    return cls(**values, **derived)


def build_resources(s: Settings) -> dict[str, Any]:
    """Also the startup check of "no silent $0": a live configuration whose models the price
    table cannot price is refused here, naming the model and the table."""
    resources = _resources(s)
    resources["gemini"].check_prices()
    return resources


def _resources(s: Settings) -> dict[str, Any]:
    return {
        "supabase": from_settings(SupabaseResource, s),
        "gemini": gemini_resource(s),
        "web": from_settings(WebResource, s),
        "trends": from_settings(TrendsResource, s),
        "scoring": from_settings(ScoringPolicy, s),
        "media": media_policy(s),
    }


def media_policy(s: Settings) -> MediaPolicy:
    return from_settings(MediaPolicy, s)


def gemini_resource(s: Settings) -> GenerationResource:
    """Live with a key or Vertex AI, else offline: two classes behind one interface, chosen here."""
    if s.offline:
        return from_settings(OfflineGeminiResource, s)
    return from_settings(GeminiResource, s, model_check_cache=str(s.data_dir / "model_checks.json"))
