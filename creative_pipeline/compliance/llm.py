"""The Gemini check's side of a verdict: the reply schema, its per-script outcome, and how it
merges with the rules' verdict. Pure: the call itself lives in resources/gemini."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, Field, create_model

from creative_pipeline.compliance.models import Reason, Verdict, worst
from creative_pipeline.domain.lenient import first, items, text

NOT_CHECKED_OFFLINE = "not checked (offline)"


class CopyForCheck(BaseModel):
    """One script (or line of copy) as the model sees it; `ref` maps the reply back."""

    ref: str
    text: str


class ModelFinding(BaseModel):
    policy_area: text(80, description="e.g. 'health claims', 'personal attributes', 'income claims'")
    phrase: text(200, description="the offending words, quoted exactly from the copy")
    severity: Literal["YELLOW", "RED"]
    why: text(300, min_length=0) = ""


class ModelVerdictItem(BaseModel):
    ref: str = Field(description="The copy's reference exactly as given, e.g. 'C3'.")
    verdict: Verdict
    findings: Annotated[list[ModelFinding], first(5)] = Field(default_factory=list, max_length=5)


def verdict_batch_model(count: int) -> type[BaseModel]:
    """A reply schema asking for exactly `count` verdicts, in order (as the score packs do)."""
    return create_model(
        f"ComplianceBatch{count}",
        verdicts=(Annotated[list[ModelVerdictItem], first(count)], Field(**items(count))),
    )


class ModelCheck(BaseModel):
    """The Gemini check's outcome for one piece of copy: checked (with a verdict), not checked
    (offline provider), or failed (its pack failed after retries; the reason is kept)."""

    ref: str
    status: Literal["checked", "not_checked", "failed"]
    verdict: Verdict | None = None
    reasons: list[Reason] = []
    note: str = ""
    model: str | None = None  # the model that answered (None: not asked, or the pack failed)
    fallback_reason: str | None = None  # why a fallback model answered


def _slug(area: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", area.lower()).strip("_")[:40] or "other"


def from_model_item(item: ModelVerdictItem) -> ModelCheck:
    """Findings become reasons labelled `gemini.<area>`; a RED/YELLOW verdict with no findings
    still counts (the model said so), with a reason saying it gave none. The verdict field is
    the model's decision: findings on a GREEN item contradict it and are dropped (the prompt
    asks for none), a RED finding under a YELLOW verdict makes it RED."""
    reasons = [
        Reason(rule_id=f"gemini.{_slug(f.policy_area)}", policy_area=f.policy_area, severity=f.severity,
               matched=f.phrase, source="gemini", note=f.why)
        for f in (item.findings if item.verdict != "GREEN" else [])
    ]
    if item.verdict != "GREEN" and not reasons:
        reasons = [Reason(rule_id="gemini.unspecified", policy_area="unspecified", severity=item.verdict,
                          matched="", source="gemini", note="the model flagged it without naming a phrase")]
    verdict = worst([item.verdict, *(r.severity for r in reasons)])
    return ModelCheck(ref=item.ref, status="checked", verdict=verdict, reasons=reasons)


def merged_verdict(rules: Verdict, model: ModelCheck | None) -> Verdict:
    """The stored verdict: the worse of the rules' and the model's (an unchecked or failed model
    check leaves the rules' verdict standing, and says so beside it)."""
    if model is None or model.verdict is None:
        return rules
    return worst([rules, model.verdict])
