"""A script's verdict: the rules over its fields, merged with the Gemini check's outcome."""

from __future__ import annotations

from typing import Any, Protocol

from creative_pipeline.compliance.engine import check_fields, load_ruleset
from creative_pipeline.compliance.llm import ModelCheck, merged_verdict
from creative_pipeline.compliance.models import ScriptCompliance, content_sha

SCRIPT_FIELDS = ("headline", "hook", "body", "cta")


class ScriptCopy(Protocol):
    """What a verdict reads of a script (a `StoredScript`): its id and its copy."""

    @property
    def id(self) -> Any: ...
    @property
    def headline(self) -> str: ...
    @property
    def hook(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def cta(self) -> str: ...


def script_fields(row: ScriptCopy) -> dict[str, str]:
    return {name: str(getattr(row, name, None) or "") for name in SCRIPT_FIELDS}


def script_copy(row: ScriptCopy) -> str:
    """The script as one piece of copy for the model: labelled fields, one per line."""
    return "\n".join(f"{name}: {value}" for name, value in script_fields(row).items())


def script_sha(row: ScriptCopy) -> str:
    return content_sha(*script_fields(row).values())


def script_verdict(row: ScriptCopy, model: ModelCheck | None, provider: str, model_name: str) -> ScriptCompliance:
    ruleset = load_ruleset()
    rules = check_fields(script_fields(row), ruleset)
    model_reasons = model.reasons if model and model.status == "checked" else []
    return ScriptCompliance(
        script_id=str(row.id), content_sha=script_sha(row), verdict=merged_verdict(rules.verdict, model),
        rules_verdict=rules.verdict, model_status=model.status if model else "not_checked",
        model_verdict=model.verdict if model else None, model_note=model.note if model else "",
        reasons=[*rules.reasons, *model_reasons], ruleset_version=ruleset.version, provider=provider,
        model=(model.model if model else None) or model_name, fallback_reason=model.fallback_reason if model else None,
    )
