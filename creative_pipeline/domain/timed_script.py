"""Platform-native, timed ad scripts (`script_batch.v2`): what is seen, shown and said, second by second.

A script is written for one placement and one duration. Its hook is three things at once (the
first frame's visual, at most 7 words on screen, at most 10 spoken) with two alternatives; its
beats cover the seconds in order and end by `duration_s`; the first beat carries the hook. The
CTA is a platform button value (`CtaButton`) plus the spoken line; the Meta primary text (≤ 125
characters) and headline (≤ 40, the one the image overlay uses) come with it.

Lengths are advertised to the model and clipped leniently on the way in (`domain/lenient.py`);
timing and word budgets are checked by `domain/script_timing.py` after validation, where a
script can be trimmed or set aside with its reason.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field, model_validator

from creative_pipeline.domain.abcd import AbcdTags, Action, Driver, Format, SceneSetting, SceneSubject
from creative_pipeline.domain.lenient import first, items, text
from creative_pipeline.domain.vocabulary import Angle, CtaButton, Placement

SCRIPTS_PER_BATCH = 5
HOOK_SCREEN_WORDS = 7
HOOK_SPOKEN_WORDS = 10
PRIMARY_TEXT_CHARS = 125
HEADLINE_CHARS = 40
MIN_DURATION_S, MAX_DURATION_S = 6, 60


class VideoFormat(str, Enum):
    """D for a video script: the ABCD formats a video can take (STATIC / CAROUSEL are image-only)."""

    UGC = "UGC"
    REEL = "REEL"
    STORY = "STORY"
    TALKINGHEAD = "TALKINGHEAD"
    SPLITSCREEN = "SPLITSCREEN"


def _video_format(value: Any) -> Any:
    """An image format on a video script (a lax model) becomes the nearest video form, REEL."""
    return "REEL" if isinstance(value, str) and value.upper() in ("STATIC", "CAROUSEL") else value


class VideoAbcd(BaseModel):
    """ABCD tags of a video script: D is a video format (STATIC / CAROUSEL are image-only)."""

    scene_setting: SceneSetting
    scene_subject: SceneSubject
    action: Action
    driver: Driver
    format: Annotated[VideoFormat, BeforeValidator(_video_format)]

    def tags(self) -> AbcdTags:
        return AbcdTags(scene_setting=self.scene_setting, scene_subject=self.scene_subject, action=self.action,
                        driver=self.driver, format=Format(self.format.value))


class Hook(BaseModel):
    visual: text(200, description="What the first frame shows.")
    on_screen_text: text(60, description=f"At most {HOOK_SCREEN_WORDS} words.")
    spoken: text(90, description=f"At most {HOOK_SPOKEN_WORDS} words.")


class Beat(BaseModel):
    start_s: float = Field(ge=0, le=MAX_DURATION_S)
    end_s: float = Field(ge=0, le=MAX_DURATION_S)
    visual: text(200)
    spoken: text(300, min_length=0, description="At most 2.5 words per second of the beat.")
    on_screen_text: text(80, min_length=0)


class TimedScript(BaseModel):
    placement: Placement
    duration_s: int = Field(ge=MIN_DURATION_S, le=MAX_DURATION_S)
    hook: Hook
    hook_alternatives: Annotated[list[Hook], first(2)] = Field(**items(2))
    beats: Annotated[list[Beat], first(8)] = Field(min_length=2, max_length=8)
    objection: text(200, description="The persona objection this script answers, as the persona states it.")
    proof_quote: text(300, min_length=0, description="Exact words from the page that back the script's claim; "
                                                      "empty if it makes none.") = ""
    is_dramatisation: bool = False
    cta_button: CtaButton
    cta_line: text(80, description="The spoken call to action.")
    primary_text: text(PRIMARY_TEXT_CHARS, description="Meta primary text.")
    headline: text(HEADLINE_CHARS, description="Meta headline; also the image overlay headline.")
    keywords: Annotated[list[text(60)], first(5)] = Field(
        min_length=1, max_length=5, description="Search keywords, 1-3 words each."
    )
    abcd: VideoAbcd

    @model_validator(mode="after")
    def _beats_in_order(self) -> "TimedScript":
        """Beats sorted by start; overlapping or inverted beats are a wrong reply (re-asked); a
        last beat past `duration_s` lengthens the script when it still fits the placement."""
        self.beats.sort(key=lambda b: b.start_s)
        for previous, beat in zip(self.beats, self.beats[1:], strict=False):
            if beat.start_s < previous.end_s - 0.05:
                raise ValueError(f"beats overlap: {previous.start_s}-{previous.end_s}s and {beat.start_s}-{beat.end_s}s")
        for beat in self.beats:
            if beat.end_s <= beat.start_s:
                raise ValueError(f"a beat ends before it starts ({beat.start_s}-{beat.end_s}s)")
        last = self.beats[-1].end_s
        if last > self.duration_s:
            if last > MAX_DURATION_S:
                raise ValueError(f"beats run to {last}s, beyond {MAX_DURATION_S}s")
            self.duration_s = int(-(-last // 1))
        return self

    # the flat copy older stages read (scoring, compliance, briefs)
    def body(self) -> str:
        return " ".join(b.spoken for b in self.beats if b.spoken).strip() or self.primary_text

    def spoken_copy(self) -> list[str]:
        return [self.hook.spoken, *(b.spoken for b in self.beats), self.cta_line]

    def all_copy(self) -> list[str]:
        """Every piece of text an ad would carry (spoken, on screen, Meta fields, alternatives)."""
        hooks = [self.hook, *self.hook_alternatives]
        return [*(t for h in hooks for t in (h.on_screen_text, h.spoken)), *(b.on_screen_text for b in self.beats),
                *(b.spoken for b in self.beats), self.cta_line, self.primary_text, self.headline]

    def structure(self) -> dict[str, Any]:
        """What `scripts.timed` stores (everything but the columns of their own)."""
        return self.model_dump(mode="json", include={"hook", "hook_alternatives", "beats", "objection", "proof_quote",
                                                     "is_dramatisation", "cta_line", "primary_text"})


class TimedScriptBatch(BaseModel):
    scripts: Annotated[list[TimedScript], first(SCRIPTS_PER_BATCH)] = Field(**items(SCRIPTS_PER_BATCH))


class CheckedScript(BaseModel):
    """A script after the checks: possibly repaired (trimmed, hook replaced), and the reasons it
    may not win (empty = eligible). `checks` records what was found, for `show --json`."""

    angle: Angle
    draft: TimedScript
    ineligible_reasons: list[str] = Field(default_factory=list)
    checks: dict[str, Any] = Field(default_factory=dict)
