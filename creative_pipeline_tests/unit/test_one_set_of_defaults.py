"""One configuration source: a default is written once, in settings.py (`DEFAULTS`).

Which resource field a setting feeds is found, not listed: every setting is changed in turn and
the resources are built again (`build_resources`' own code); a field whose value becomes the
changed value is fed by that setting. Each such field must then
  - default to the setting's default (a resource built in code behaves like an empty environment),
  - and say so in its source: its default expression is `setting("<setting>")` (a resource field:
    the declaration `build_resources` reads, so no argument list repeats it) or names
    `DEFAULTS.<setting>` (a value derived from a resource, e.g. the SDK client's config), so a
    literal default equal to today's value cannot creep back in and drift later.
Fields no setting feeds (e.g. the Trends retry count) keep their own literal: written once too.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from creative_pipeline.resources.build import _resources, fed_by
from creative_pipeline.resources.gemini.offline_resource import OfflineGeminiResource
from creative_pipeline.resources.gemini.resource import GeminiResource
from creative_pipeline.resources.spend.build import spend_policy
from creative_pipeline.resources.supabase.storage_local import LocalFolderStorage
from creative_pipeline.resources.supabase.storage_supabase import SupabaseStorage
from creative_pipeline.settings import DEFAULTS, Settings

# the baseline is live (a key), so the live class's fields are seen too; offline shares the base's
LIVE = {"gemini_api_key": "test-key"}


def _changed(value: Any) -> Any:
    """A value of the same kind that differs from `value`."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 7
    if isinstance(value, float):
        return value + 0.5
    if isinstance(value, str):
        return value + "-changed"
    if isinstance(value, Path):
        return value / "changed"
    if isinstance(value, list):
        return [*value, "changed.example"]
    if value is None:
        return "changed"
    raise AssertionError(f"no change rule for {value!r}")


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Path) else value


def _values(model: BaseModel) -> dict[str, Any]:
    """Field values, with dict fields spread out as `field[key]`."""
    out: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, dict):
            out.update({f"{name}[{k}]": v for k, v in value.items()})
        else:
            out[name] = _plain(value)
    return out


def _built(s: Settings) -> dict[str, BaseModel]:
    resources = _resources(s)
    gemini = resources["gemini"]
    assert isinstance(gemini, GeminiResource)
    return {**resources, "gemini.client_config": gemini.client_config(), "spend_policy": spend_policy(gemini)}


@cache
def fed_fields() -> dict[tuple[type[BaseModel], str], str]:
    """(class, field) -> the setting whose value the field takes."""
    base = _built(Settings.model_construct(**LIVE))
    base_values = {key: _values(model) for key, model in base.items()}
    fed: dict[tuple[type[BaseModel], str], str] = {}
    for setting in Settings.model_fields:
        value = _changed(getattr(Settings.model_construct(**LIVE), setting))
        for key, model in _built(Settings.model_construct(**{**LIVE, setting: value})).items():
            for field, got in _values(model).items():
                if got != base_values[key].get(field) and got == _plain(value):
                    assert (type(model), field) not in fed, f"{type(model).__name__}.{field} fed twice"
                    fed[(type(model), field)] = setting
    return fed


def _default(cls: type[BaseModel], field: str) -> Any:
    name, _, key = field.partition("[")
    info = cls.model_fields[name]
    value = info.default_factory() if info.default_factory else info.default  # type: ignore[call-arg]
    if key:  # a dict field: a key its default lacks has no default to drift
        return value.get(key.rstrip("]"), PydanticUndefined) if value is not PydanticUndefined else value
    return _plain(value)


def _default_source(cls: type[BaseModel], field: str) -> ast.expr | None:
    """The default expression as written, in whichever class of the MRO declares the field."""
    name = field.partition("[")[0]
    for owner in cls.__mro__:
        if not owner.__module__.startswith("creative_pipeline."):
            continue
        tree = ast.parse(textwrap.dedent(inspect.getsource(owner)))
        for node in tree.body[0].body:  # type: ignore[attr-defined]
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
                return node.value
    raise AssertionError(f"{cls.__name__}.{name} is declared nowhere")


def _declares(node: ast.AST, setting: str) -> bool:
    """`setting("<setting>", ...)`: the field's declaration names its setting."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setting"
            and bool(node.args) and isinstance(node.args[0], ast.Constant) and node.args[0].value == setting)


def _names_default(expr: ast.expr | None, setting: str) -> bool:
    return expr is not None and any(
        (isinstance(n, ast.Attribute) and n.attr == setting and isinstance(n.value, ast.Name) and n.value.id == "DEFAULTS")
        or _declares(n, setting)
        for n in ast.walk(expr))


def test_the_settings_feed_what_they_should() -> None:
    """The discovery itself works: a sample of the known feeds is found."""
    fed = {(cls.__name__, field): setting for (cls, field), setting in fed_fields().items()}
    assert {
        ("GeminiResource", "max_attempts"): "gemini_max_attempts",
        ("GeminiResource", "company_budget_usd"): "company_budget_usd",
        ("ClientConfig", "thinking_levels[scoring]"): "gemini_thinking_level_scoring",
        ("SpendPolicy", "requests_per_window[video]"): "gemini_video_requests_per_minute",
        ("SupabaseResource", "bucket"): "storage_bucket",
        ("TrendsResource", "cache_ttl_hours"): "trends_cache_ttl_hours",
        ("WebResource", "allow_hosts"): "web_allow_hosts",
        ("ScoringPolicy", "weight_viral"): "score_weight_viral",
        ("MediaPolicy", "approval_gate"): "video_approval_gate",
    }.items() <= fed.items()
    assert len(fed) >= 60


def _cases() -> list[tuple[type[BaseModel], str, str]]:
    cases = [(cls, field, setting) for (cls, field), setting in fed_fields().items()]
    cases += [(OfflineGeminiResource, field, setting) for (cls, field), setting in fed_fields().items()
              if cls is GeminiResource and field in OfflineGeminiResource.model_fields]
    return sorted(cases, key=lambda c: (c[0].__name__, c[1]))


@pytest.mark.parametrize(("cls", "field", "setting"), _cases(), ids=lambda v: getattr(v, "__name__", v))
def test_a_fed_field_defaults_to_its_setting_and_says_so(cls: type[BaseModel], field: str, setting: str) -> None:
    default = _default(cls, field)
    if default is not PydanticUndefined:  # a required field has no second default to drift
        assert default == _plain(getattr(DEFAULTS, setting)), f"{cls.__name__}.{field} vs {setting}"
        assert _names_default(_default_source(cls, field), setting), (
            f"{cls.__name__}.{field}: write its default as DEFAULTS.{setting}, not a literal")


def test_storage_defaults_to_the_configured_bucket() -> None:
    for storage in (LocalFolderStorage, SupabaseStorage):
        assert inspect.signature(storage.__init__).parameters["bucket"].default == DEFAULTS.storage_bucket


def test_defaults_read_no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """`DEFAULTS` is the code's defaults, not this process's environment."""
    monkeypatch.setenv("GEMINI_MAX_ATTEMPTS", "9")
    assert Settings.model_construct().gemini_max_attempts == DEFAULTS.gemini_max_attempts != 9
    assert Settings().gemini_max_attempts == 9


def test_every_resource_field_a_setting_feeds_is_declared_with_it() -> None:
    """What the discovery finds a setting feeding in a resource is what the field declares
    (`setting(...)`), and build.py passes no setting by hand: one mapping, written once."""
    resources = {type(r) for r in _resources(Settings.model_construct(**LIVE)).values()}
    found = {(cls, field): setting for (cls, field), setting in fed_fields().items() if cls in resources}
    assert found and all(fed_by(cls).get(field) == setting for (cls, field), setting in found.items()), found
    source = Path(inspect.getsourcefile(_resources) or "").read_text(encoding="utf-8")
    by_hand = [kw.arg for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call) for kw in node.keywords
               if isinstance(kw.value, ast.Attribute) and isinstance(kw.value.value, ast.Name) and kw.value.value.id == "s"]
    assert by_hand == [], by_hand
