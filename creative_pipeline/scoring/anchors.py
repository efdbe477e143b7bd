"""One scale across score packs: fixed anchor scripts with known scores in every pack.

Why: each pack is a separate call, and a model judges relative to what it sees together. Packs of
one persona each gave every persona its own 85-90s. Packs now mix personas, and every pack also
carries the same two anchor scripts, written by this module for the company: a deliberately weak
one (no hook, vague, no proof, no persona, a generic CTA: known score 20) and a deliberately
strong one (a visual hook naming the persona's pain, the product in use by second 3, the UVP as
its only claim, the persona's objection answered, timed beats, a button CTA: known score 80).
The model does not know which two scripts are the anchors. Whatever it returns for them tells how
this pack's scale sits against the known one, and every script of the pack is mapped linearly:

    llm = known_low + (raw - returned_low) * (known_high - known_low) / (returned_high - returned_low)

clamped to 0..100. The same holds for the viral part with its own known values. The absolute
known values are a convention (what matters is that every pack shares the same ruler); they are
where the rubric's written anchors put these two scripts.

A pack whose anchors came back less than MIN_GAP apart (the model did not tell them apart, so
the slope would blow noise up more than 3x) or inverted keeps its raw scores, flagged
`raw: <why>` in `scores.calibration`. Chosen over a pairwise tournament: a tournament of 100
scripts needs many more calls than the 45 a company may spend, while two anchors cost two items
per pack and no call.

Pure: unit-tested in creative_pipeline_tests/unit/scoring/test_anchors.py.
"""

from __future__ import annotations

from pydantic import BaseModel

from creative_pipeline.domain.score import ScriptForScoring

KNOWN_LLM = (20.0, 80.0)  # (weak anchor, strong anchor)
KNOWN_VIRAL = (10.0, 70.0)
MIN_GAP = 20.0  # returned anchors closer than this: the pack keeps its raw scores


class Calibration(BaseModel):
    """How one pack maps onto the common scale: `slope`/`offset`, or None with `reason`."""

    slope: float | None = None
    offset: float | None = None
    reason: str = "anchored"

    @property
    def anchored(self) -> bool:
        return self.slope is not None

    def apply(self, raw: float) -> float:
        if self.slope is None or self.offset is None:
            return round(min(100.0, max(0.0, raw)), 3)
        return round(min(100.0, max(0.0, self.offset + self.slope * raw)), 3)

    @property
    def label(self) -> str:
        return "anchored" if self.anchored else f"raw: {self.reason}"


def calibration(returned: tuple[float, float] | None, known: tuple[float, float]) -> Calibration:
    """The linear map sending the anchors' returned scores (weak, strong) onto their known ones."""
    if returned is None:
        return Calibration(reason="an anchor was missing from the reply")
    low, high = returned
    if high - low < MIN_GAP:
        return Calibration(reason=f"anchors returned {low:.0f} (weak) and {high:.0f} (strong), under {MIN_GAP:.0f} apart")
    slope = (known[1] - known[0]) / (high - low)
    return Calibration(slope=round(slope, 6), offset=round(known[0] - slope * low, 6))


def anchor_scripts(
    refs: tuple[str, str], company_name: str, uvp: str, persona: str, pains: list[str], objections: list[str]
) -> tuple[ScriptForScoring, ScriptForScoring]:
    """The weak and the strong anchor for a company (same in every pack: same refs, same text)."""
    pain = (pains or ["wasting time"])[0].rstrip(".")
    objection = (objections or ["whether it is worth it"])[0].rstrip(".")
    claim = uvp.split(". ")[0].rstrip(".")[:160]
    weak = ScriptForScoring(
        ref=refs[0], persona=persona, persona_pains=pains, persona_objections=objections, angle="generic",
        placement="Feed", duration_s=45, headline=f"Welcome to {company_name}",
        hook="Hello and welcome to our video.",
        body=(f"We are {company_name}. We offer many great products and services for everyone. Our team works "
              "very hard every day. There are lots of reasons to choose us. Visit our website to find out more "
              "about everything we do."),
        cta="Visit our website", keywords=[company_name.lower()],
    )
    strong = ScriptForScoring(
        ref=refs[1], persona=persona, persona_pains=pains, persona_objections=objections, angle="pain",
        placement="Reels", duration_s=15, headline=claim[:40],
        hook=f"Still {pain.lower()}? Watch the next 10 seconds.",
        body=f"{claim}. Worried about {objection.lower()}? See it work, then decide.",
        beats=[
            {"start_s": 0, "end_s": 3, "visual": f"Close-up of {company_name} in use, the result visible at once",
             "spoken": f"Still {pain.lower()}?", "on_screen_text": "Watch this"},
            {"start_s": 3, "end_s": 9, "visual": f"{company_name} product in hand, the everyday moment it fixes",
             "spoken": claim[:90], "on_screen_text": company_name},
            {"start_s": 9, "end_s": 13, "visual": "The objection as a caption, answered by what is on screen",
             "spoken": f"Worried about {objection.lower()}? See it first.", "on_screen_text": "See it first"},
            {"start_s": 13, "end_s": 15, "visual": "End card: logo and button", "spoken": "Tap to try it.",
             "on_screen_text": "Try it today"},
        ],
        cta="Shop now — tap to try it", keywords=[company_name.lower()],
        details={"cta_button": "SHOP_NOW", "objection_answered": objection},
    )
    return weak, strong
