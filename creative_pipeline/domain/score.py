"""Script scores: the model's rubric judgement, what it is shown, and the formula's weights."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field, create_model

from creative_pipeline.domain.lenient import first, items, text

#: the rubric's criteria, in the order the schema asks for them (each 0-10, anchors in the prompt)
RUBRIC = ("hook", "clarity", "proof", "persona_fit", "platform_fit", "cta")


def _sub(description: str) -> Any:
    return Field(ge=0, le=10, description=description)


class ScoreItem(BaseModel):
    """One script's judgement: the rationale first (the model reasons, then scores), then the
    rubric's sub-scores 0-10 against the written anchors, then viral likeness to the patterns."""

    ref: str = Field(description="The script's reference exactly as given, e.g. 'S3'.")
    rationale: text(300, description="One or two sentences: what works and what holds it back. Written first.")
    hook: int = _sub("Hook: stops the scroll in the first 2-3 seconds (anchors in the prompt).")
    clarity: int = _sub("Clarity: what it is, who it is for and why, understood on one watch.")
    proof: int = _sub("Proof and credibility: shown or quoted proof, no unbacked claims.")
    persona_fit: int = _sub("Persona fit: speaks to this persona's pains and answers an objection.")
    platform_fit: int = _sub("Platform-nativeness: timed, sound-off readable, native to the placement.")
    cta: int = _sub("CTA: one clear next step that fits the placement's button.")
    pattern: text(40, description="Key of the example pattern it is closest to, or 'none'.") = "none"
    viral: int = _sub("Viral likeness: follows the mechanism of the example patterns (not their topic).")

    def rubric(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in RUBRIC}


class ScriptForScoring(BaseModel):
    """What the scorer reads of one script: the whole script and its persona's pains and
    objections, not only the persona's name. Fields the script does not have stay empty; any
    further field a script carries (objection answered, proof quote, CTA button, primary text,
    hook alternatives) travels in `details`."""

    ref: str
    persona: str
    persona_pains: list[str] = Field(default_factory=list)
    persona_objections: list[str] = Field(default_factory=list)
    angle: str | None = None
    placement: str | None = None
    duration_s: float | None = None
    headline: str
    hook: str
    body: str
    beats: list[dict[str, Any]] = Field(default_factory=list)
    cta: str
    keywords: list[str] = Field(default_factory=list)
    details: dict[str, Any] = Field(default_factory=dict)


class ScoreWeights(BaseModel):
    """The formula's weights. No defaults here: they are configuration (SCORE_WEIGHT_*, written
    once in settings.py) and reach the formula through the `scoring` resource's `weights()`.
    `performance_prior` is the most the prior may weigh; each script's own weight is stored
    with its score."""

    llm: float = Field(ge=0)
    trend: float = Field(ge=0)
    viral: float = Field(ge=0)
    performance_prior: float = Field(default=0.0, ge=0, le=1)  # 0 = no prior: the formula without it


def score_batch_model(count: int) -> type[BaseModel]:
    """A response schema asking for exactly `count` items, so the reply maps onto our scripts
    by position even when a model (or a schema-driven server) does not echo the refs; a short
    reply is accepted and its missing scripts are asked for again."""
    return create_model(
        f"ScoreBatch{count}",
        scores=(Annotated[list[ScoreItem], first(count)], Field(**items(count))),
    )
