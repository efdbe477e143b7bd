"""Verdicts and their reasons: the shape stored per script, shown by `show`, `export` and
`check-copy`, and merged from the rules layer and the Gemini check."""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, Field

Verdict = Literal["GREEN", "YELLOW", "RED"]
Severity = Literal["YELLOW", "RED"]
ORDER: dict[str, int] = {"GREEN": 0, "YELLOW": 1, "RED": 2}


def worst(verdicts: list[str]) -> Verdict:
    """The most severe verdict of several (GREEN when there are none)."""
    return max(verdicts, key=lambda v: ORDER[v], default="GREEN")  # type: ignore[return-value]


class Reason(BaseModel):
    """Why copy is flagged: which rule (or the Gemini check), which policy, which words."""

    rule_id: str
    policy_area: str
    policies: dict[str, str] = Field(default_factory=dict, description="platform -> policy name")
    severity: Severity
    matched: str = Field(description="the offending phrase as written")
    field: str | None = Field(default=None, description="where it was found: hook, body, image.headline, ...")
    source: Literal["rules", "gemini"] = "rules"
    note: str = ""


class CopyVerdict(BaseModel):
    text: str
    verdict: Verdict
    reasons: list[Reason] = []


def content_sha(*parts: str) -> str:
    """Identity of a piece of copy: a reviewer's override applies to these exact words, so it
    survives regeneration when the words come back unchanged and lapses when they change."""
    return hashlib.sha256("\x1f".join(p.strip() for p in parts).encode()).hexdigest()


class ScriptCompliance(BaseModel):
    """The stored verdict of one script: merged verdict, each layer's part, and all reasons."""

    script_id: str
    content_sha: str
    verdict: Verdict
    rules_verdict: Verdict
    model_status: Literal["checked", "not_checked", "failed"]
    model_verdict: Verdict | None = None
    model_note: str = ""
    reasons: list[Reason] = []
    ruleset_version: str
    provider: str
    model: str  # the model that checked it (the configured one when no model answered)
    fallback_reason: str | None = None  # why a fallback model checked it
