"""Creative briefs: what an image and a video for a winning script must show.

These models are the structured-output schemas sent to Gemini *and* the contract of the media
stage (the offline layout renderer draws exactly these fields), so they stay small and concrete.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, field_validator

from creative_pipeline.domain.abcd import AbcdTags
from creative_pipeline.domain.lenient import first, items, text

AspectRatio = Literal["9:16", "16:9", "1:1", "4:5"]
VideoAspectRatio = Literal["9:16", "16:9"]
HEX_COLOR = r"^#[0-9A-Fa-f]{6}$"
VEO_DURATIONS = (4, 6, 8)
PALETTE_FILL = ("#1F2937", "#F9FAFB")


def normalise_colour(value: object) -> str | None:
    """'#abc', 'ABCDEF', '#AbCdEf', 'orange' -> '#RRGGBB'; anything else -> None."""
    from PIL import ImageColor

    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if re.fullmatch(r"[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3}", text):
        text = "#" + text
    try:
        r, g, b = ImageColor.getrgb(text)[:3]
    except ValueError:
        return None
    return f"#{r:02X}{g:02X}{b:02X}"


IMAGE_VARIANTS = 3  # images per winner: the primary and the brief's two variations
VIDEO_VARIANT = IMAGE_VARIANTS + 1  # a winner's video is its own variant: `<winner>_V4`


class ImageBrief(BaseModel):
    """A static ad: the image prompt plus the text that goes on it."""

    headline: text(90)
    subheadline: text(140, min_length=0) = ""
    cta: text(40)
    visual_description: text(1200, description="What the picture shows.")
    composition: text(300, description="Layout hint, e.g. 'product left, text right'.")
    palette: list[Annotated[str, Field(pattern=HEX_COLOR)]] = Field(
        min_length=2, max_length=5, description="Hex colours like #1A2B3C."
    )
    aspect_ratio: AspectRatio = "9:16"
    style: text(120) = "photographic"
    variations: Annotated[list[text(300)], first(2)] = Field(
        **items(2, description="Two variations of the primary image (angle, setting, mood).")
    )

    @field_validator("palette", mode="before")
    @classmethod
    def _hex_colours(cls, value: object) -> object:
        """Models write colours many ways ("#abc", "1A2B3C", "warm orange"): keep what is a
        colour, normalised to #RRGGBB; a palette left with fewer than 2 gets neutral fill."""
        if not isinstance(value, list):
            return value
        colours = [c for c in (normalise_colour(v) for v in value) if c]
        for filler in PALETTE_FILL:
            if len(colours) >= 2:
                break
            if filler not in colours:
                colours.append(filler)
        return colours[:5]


class VideoShot(BaseModel):
    description: text(400, description="What the camera sees in this shot (no on-screen text).")
    on_screen_text: text(90, min_length=0, description="A super, laid over after rendering (never generated).") = ""
    start_s: float | None = Field(default=None, ge=0, le=15, description="When the shot starts, in seconds.")
    end_s: float | None = Field(default=None, ge=0, le=15, description="When the shot ends, in seconds.")


class VideoAudio(BaseModel):
    """What the clip sounds like: Omni and Veo render audio with the picture."""

    dialogue: text(300, min_length=0, description="The spoken line, if any.") = ""
    speaker: text(120, min_length=0, description="Who says it (on camera or voice-over).") = ""
    effects: text(200, min_length=0, description="Sound effects.") = ""
    ambience: text(200, min_length=0, description="Background sound or music.") = ""


class VideoBrief(BaseModel):
    """A short video ad for Veo: one prompt-able concept in a few shots."""

    concept: text(600)
    shots: Annotated[list[VideoShot], first(4)] = Field(min_length=1, max_length=4)
    voiceover: text(400, min_length=0) = ""
    cta: text(40)
    aspect_ratio: VideoAspectRatio = "9:16"
    duration_seconds: int = Field(default=8, ge=4, le=8, description="4, 6 or 8 seconds.")
    resolution: Literal["720p", "1080p"] = "720p"
    camera: text(200, min_length=0, description="Camera movement, e.g. 'slow push-in, handheld'.") = ""
    lighting: text(200, min_length=0, description="Lighting, e.g. 'soft morning window light'.") = ""
    audio: VideoAudio = Field(default_factory=VideoAudio)

    def timed_shots(self) -> list[tuple[float, float, VideoShot]]:
        """(start, end, shot) sized to one clip of `duration_seconds`: the model's timings when they
        are in order and inside the clip, else the clip shared evenly among the shots."""
        d = float(self.duration_seconds)
        given = [(s.start_s, s.end_s) for s in self.shots]
        ordered = all(a is not None and b is not None and a < b for a, b in given) and all(
            given[i][1] <= given[i + 1][0] + 1e-6 for i in range(len(given) - 1))  # type: ignore[operator]
        if ordered and given[-1][1] <= d + 1e-6:  # type: ignore[operator]
            return [(float(a), float(b), s) for (a, b), s in zip(given, self.shots)]  # type: ignore[arg-type]
        step = d / len(self.shots)
        return [(round(i * step, 2), round((i + 1) * step, 2), s) for i, s in enumerate(self.shots)]

    @field_validator("duration_seconds")
    @classmethod
    def _veo_duration(cls, value: int) -> int:
        """Veo renders 4, 6 or 8 s; an int enum is not expressible in Gemini's schema, so the
        schema says 4..8 and we snap to the nearest allowed length (5 -> 6, 7 -> 8)."""
        return min(VEO_DURATIONS, key=lambda d: (abs(d - value), -d))


class CreativeBrief(BaseModel):
    """The brief for one winning script: both media briefs, its ABCD tags and its name."""

    script_id: str
    creative_name: str
    rank: int = Field(ge=1, le=99)
    abcd: AbcdTags
    image: ImageBrief
    video: VideoBrief
    persona_name: str = ""
    final_score: float | None = None
    compliance: dict[str, Any] | None = None  # verdict, reasons, regenerated, flagged (compliance/briefs.py)


def brief_sha(body: dict[str, Any] | None) -> str:
    """A stable fingerprint of a brief body as stored, to tell whether a stored render still matches it."""
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class StoredBrief(BaseModel):
    """A winner's briefs as stored (`repositories.briefs.load_briefs`): both rows of `assets`
    merged, so callers read attributes rather than string keys.

    The bodies stay exactly as stored (`image_body`, `video_body`): renders and approvals are
    matched by a fingerprint of those bytes, which re-validating (colour normalising, defaults)
    could change. `image` and `video` are the typed views of the same bodies."""

    script_id: str | None = None
    creative_name: str
    rank: int
    script_headline: str | None = None  # the script's Meta headline (<= 40 chars): the words the image overlay uses
    abcd: AbcdTags
    persona_name: str = ""
    final_score: float | None = None
    provider: str | None = None
    model: str | None = None
    history: list[dict[str, Any]] = Field(default_factory=list)
    compliance: dict[str, Any] | None = None  # verdict, reasons, regenerated, flagged (compliance/briefs.py)
    image_body: dict[str, Any] | None = None
    video_body: dict[str, Any] | None = None

    @property
    def image(self) -> ImageBrief:
        if self.image_body is None:
            raise ValueError(f"{self.creative_name} has no stored image brief")
        return ImageBrief.model_validate(self.image_body)

    @property
    def video(self) -> VideoBrief:
        if self.video_body is None:
            raise ValueError(f"{self.creative_name} has no stored video brief")
        return VideoBrief.model_validate(self.video_body)

    @property
    def image_sha(self) -> str:
        """What an image render records as `brief_sha`: the stored image body's fingerprint."""
        return brief_sha(self.image_body)

    @property
    def video_sha(self) -> str:
        return brief_sha(self.video_body)

    @property
    def version(self) -> int:
        """1 for the first brief; each review that revised it adds one (the old one goes to `history`)."""
        return len(self.history) + 1

    def as_stored(self) -> dict[str, Any]:
        """The brief as a JSON-ready document, bodies as stored (`show`, `export`)."""
        out: dict[str, Any] = {
            "script_id": self.script_id, "creative_name": self.creative_name, "rank": self.rank,
            "abcd": self.abcd.model_dump(mode="json"), "persona_name": self.persona_name, "final_score": self.final_score,
            "provider": self.provider, "model": self.model, "history": self.history, "compliance": self.compliance,
        }
        for key, body in (("image", self.image_body), ("video", self.video_body)):
            if body is not None:
                out[key] = body
        return out
