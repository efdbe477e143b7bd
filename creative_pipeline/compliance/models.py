"""Verdicts and their reasons: the shape stored per script, shown by `show`, `export` and
`check-copy`, and merged from the rules layer and the Gemini check."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

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


class AppliedOverride(BaseModel):
    """The latest reviewer override for a script's exact copy (matched by content_sha)."""

    verdict: Verdict
    reason: str
    by: str | None = None  # the reviewer's label
    at: datetime


class StoredVerdict(BaseModel):
    """A script's stored compliance with its override applied: `verdict` is what counts (the
    override first), `computed_verdict` what the checks said. `reasons` stay the stored JSON,
    so `show` and `export` print exactly what was recorded."""

    verdict: Verdict
    computed_verdict: Verdict
    rules_verdict: Verdict
    model_status: Literal["checked", "not_checked", "failed"]
    model_verdict: Verdict | None = None
    model_note: str = ""
    reasons: list[dict[str, Any]] = []
    ruleset_version: str
    content_sha: str
    override: AppliedOverride | None = None


class OverrideRecord(BaseModel):
    """One row of the override audit trail; `script_id` is None once the script was regenerated."""

    id: UUID
    script_id: UUID | None = None
    content_sha: str
    verdict_before: Verdict | None = None
    verdict: Verdict
    reason: str
    reviewer_label: str | None = None
    created_at: datetime
