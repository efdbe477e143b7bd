"""Stored ad scripts as read back (the drafts a model writes are in `timed_script.py`)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field, computed_field

from creative_pipeline.domain.abcd import AbcdTags


class ScriptRow(BaseModel):
    """A stored script with its persona, batch and scores (the columns `load_scripts` and
    `load_winners` share), so callers read attributes rather than string keys. Scores are None
    until the script is scored."""

    id: UUID
    persona_id: UUID
    persona_name: str
    persona_archetype: str | None = None
    persona_data: dict[str, Any]
    batch_index: int
    angle: str | None = None  # the batch's angle (`template` is its legacy name, kept for old readers)
    template: str | None = None
    template_version: str | None = None
    temperature: float | None = None
    position: int
    headline: str
    hook: str
    body: str
    cta: str
    keywords: list[str] = Field(default_factory=list)
    scene_setting: str
    scene_subject: str
    action: str
    driver: str
    format: str
    provider: str | None = None
    model: str | None = None
    is_winner: bool = False
    winner_rank: int | None = None
    final: float | None = None
    llm: float | None = None
    trend: float | None = None
    viral: float | None = None
    placement: str | None = None  # None on scripts written before timed scripts (script_batch.v1)
    duration_s: int | None = None
    cta_button: str | None = None
    timed: dict[str, Any] = Field(default_factory=dict)  # hook (+2 alternatives), beats, objection, proof, CTA line, primary text
    ineligible_reasons: list[str] = Field(default_factory=list)  # empty: may win
    checks: dict[str, Any] = Field(default_factory=dict)  # claims found / not found, repairs, words per second

    @computed_field  # type: ignore[prop-decorator]
    @property
    def beats(self) -> list[dict[str, Any]]:
        """The timed beats (empty on v1 scripts): dumped with the row, so readers such as the
        scorer's view (`scoring/script_view.py`) find them where they look."""
        return list(self.timed.get("beats", []))

    @property
    def may_win(self) -> bool:
        """Eligible on its own merits (compliance is decided elsewhere): no stored reason, a CTA."""
        return not self.ineligible_reasons and bool((self.cta or "").strip())

    @property
    def abcd(self) -> AbcdTags:
        return AbcdTags(scene_setting=self.scene_setting, scene_subject=self.scene_subject, action=self.action,
                        driver=self.driver, format=self.format)

    def abcd_codes(self) -> dict[str, str]:
        """The five tags as stored (no validation: a report shows what is there)."""
        return {"scene_setting": self.scene_setting, "scene_subject": self.scene_subject, "action": self.action,
                "driver": self.driver, "format": self.format}


class StoredScript(ScriptRow):
    """Any script of a company as stored (`repositories.scripts.load_scripts`), with its full score row."""

    trend_status: str | None = None
    performance_prior: float | None = None
    rationale: str | None = None
    # what the score rests on (migration 20261204130000_honest_scores): None / empty until scored
    rubric: dict[str, Any] | None = None
    llm_raw: float | None = None
    calibration: str | None = None
    score_template_version: str | None = None
    trend_keywords: list[str] | None = None
    prior_weight: float | None = None
    prior_impressions: int | None = None
    prior_creatives: int | None = None
    prior_evidence: list[Any] | None = None


class WinnerRow(ScriptRow):
    """A winning script as stored (`repositories.scripts.load_winners`)."""

    winner_rank: int
    is_winner: bool = True
