"""The company's angle plan: which arguments its 100 scripts make, and which batch makes which.

One planning call proposes angles (each with a messenger and a video format); this module keeps
only the angles the page can support, fills in the supported angles the model left out (from the
vocabulary's defaults), and assigns the 20 batches angle x persona so every persona gets four
different angles and the company covers as many as the page supports (≥ 8 when it supports
them; never fewer than 5: pain, aspiration, objection-bust, comparison, myth-bust, demo-first
and unboxing need nothing beyond the product itself).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, Field

from creative_pipeline.domain.lenient import first, items, text
from creative_pipeline.domain.timed_script import VideoFormat
from creative_pipeline.domain.vocabulary import ANGLES, Angle

BATCHES_PER_PERSONA = 4
MIN_ANGLES = 5
WANTED_ANGLES = 8
_FOUNDER = re.compile(r"\b(founders?|co-founders?|founded|our story|we started|started (?:in|by|out)|"
                      r"i started|my (?:wife|husband|partner|sister|brother) and i)\b", re.I)
_REVIEWS = re.compile(r"\b(reviews?|rated|testimonials?|customers say|loved by|trusted by)\b|★|[\"“][^\"”]{20,}[\"”]",
                      re.I)


class PlannedAngle(BaseModel):
    angle: Angle
    messenger: text(80, description="Who delivers it: founder, customer (quoted from the page), creator, expert...")
    format: VideoFormat
    idea: text(240, description="The angle for this company in one sentence.")
    proof: text(300, min_length=0, description="Exact words from the page the angle rests on; empty if none.") = ""


class AnglePlan(BaseModel):
    angles: Annotated[list[PlannedAngle], first(len(Angle))] = Field(**items(len(Angle)))


def page_support(context: Any, uvp: str) -> dict[Angle, str | None]:
    """Angle -> None when the page supports it, else why it is skipped. Reads `proof_points`
    defensively: contexts stored before they existed have none."""
    page = " ".join([getattr(context, "title", ""), getattr(context, "description", ""),
                     " ".join(getattr(context, "headings", []) or []), getattr(context, "main_text", "")])
    proof_points = list(getattr(context, "proof_points", None) or [])
    support: dict[Angle, str | None] = {angle: None for angle in Angle}
    if not proof_points and not _REVIEWS.search(page):
        support[Angle.SOCIAL_PROOF] = "skipped: the page has no reviews or proof points to quote"
    if not (getattr(context, "offer", "") or "").strip():
        support[Angle.OFFER_LED] = "skipped: the page states no offer"
    if not _FOUNDER.search(page + " " + uvp):
        support[Angle.FOUNDER_STORY] = "skipped: the site does not tell a founder story"
    return support


def default_angle(angle: Angle) -> PlannedAngle:
    spec = ANGLES[angle]
    return PlannedAngle(angle=angle, messenger=spec.messenger[:80], format=VideoFormat(spec.format.value),
                        idea=spec.instructions[:240])


class FinalPlan(BaseModel):
    angles: list[PlannedAngle]
    skipped: dict[str, str]  # angle -> why it is not used
    filled_in: list[str]  # supported angles the model did not propose, taken from the vocabulary


def finalise(proposed: list[PlannedAngle], support: dict[Angle, str | None]) -> FinalPlan:
    """The model's supported angles first (its order, duplicates dropped), then the supported
    angles it left out; unsupported ones are skipped with their reason."""
    chosen: dict[Angle, PlannedAngle] = {}
    skipped: dict[str, str] = {}
    for planned in proposed:
        reason = support.get(planned.angle)
        if reason:
            skipped[planned.angle.value] = reason + " (proposed by the plan)"
        else:
            chosen.setdefault(planned.angle, planned)
    filled = []
    for angle in Angle:
        reason = support.get(angle)
        if reason:
            skipped.setdefault(angle.value, reason)
        elif angle not in chosen:
            chosen[angle] = default_angle(angle)
            filled.append(angle.value)
    if len(chosen) < MIN_ANGLES:  # cannot happen with the vocabulary above; a guard if it changes
        raise ValueError(f"only {len(chosen)} angles are supported; at least {MIN_ANGLES} are needed")
    return FinalPlan(angles=list(chosen.values()), skipped=skipped, filled_in=filled)


def assign(angles: list[PlannedAngle], personas: int, per_persona: int = BATCHES_PER_PERSONA) -> list[list[PlannedAngle]]:
    """Per persona, its `per_persona` batches' angles: slot s = persona x per_persona + batch takes
    angle s mod k, so each persona gets distinct angles (k ≥ per_persona) and every angle is
    used ⌊20 / k⌋ or ⌈20 / k⌉ times."""
    k = len(angles)
    return [[angles[(p * per_persona + b) % k] for b in range(per_persona)] for p in range(personas)]
