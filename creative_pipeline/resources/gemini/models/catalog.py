"""What we know about Gemini model ids: the current defaults, what replaced the retired ones,
which video backend serves a model, and which request settings a model honours.

Checked on 2026-11-30 against Google's model, deprecation and pricing pages as quoted in the
search corpus, and against the google-genai 2.34.0 source (`_gaos/types/interactions/model.py`
lists `gemini-3.8-flash`, `gemini-3.5-flash-lite`, `gemini-nano-banana-2.1`,
`gemini-3-pro-image` and `gemini-omni-1.1-flash`; it does not list `gemini-omni-1.2-flash`,
which third-party pages describe as Google Cloud only). Re-check when a default moves.

Omni 1.2 (checked 2026-12-04): google-genai 3.1.0 made `gemini-omni-1.2-flash` its Gemini API video
default, but no Google page (ai.google.dev) confirming that the Gemini API serves it to API keys
was found; third parties disagree (civitai: "runs on Google Cloud"; LaoZhang and muapi resell it).
So the default stays `gemini-omni-1.1-flash` on the pinned 2.34, and 1.2 is supported as a
setting: 2.34's Interactions client takes any model string (`UnrecognizedStr` in
`_gaos/types/interactions/model.py`), it is priced, and its 3-15 s durations are known
(`video_durations`). Moving the pin to 3.x would change the default API version to v1 and refuse
`generate_videos` for API keys (STACK_NOTES) — a cost without a need while 2.34 passes the id.
"""

from __future__ import annotations

from typing import Literal

from creative_pipeline.settings import DEFAULTS

CHECKED_ON = "2026-11-30"

# The default ids are written once, in settings.py (with the dates they were checked).
DEFAULT_TEXT_MODEL = DEFAULTS.gemini_text_model
DEFAULT_CHEAP_TEXT_MODEL = DEFAULTS.gemini_cheap_text_model
DEFAULT_IMAGE_MODEL = DEFAULTS.gemini_image_model
DEFAULT_VIDEO_MODEL = DEFAULTS.gemini_video_model

# Retired or closed-to-new-users ids -> the id that replaces them (used when the 404 names none).
SUCCESSORS: dict[str, str] = {
    "gemini-2.5-flash": DEFAULT_TEXT_MODEL,
    "gemini-2.5-flash-lite": DEFAULT_CHEAP_TEXT_MODEL,
    "gemini-2.5-pro": DEFAULT_TEXT_MODEL,
    "gemini-2.0-flash": DEFAULT_TEXT_MODEL,
    "gemini-2.5-flash-image": DEFAULT_IMAGE_MODEL,
    "gemini-2.5-flash-image-preview": DEFAULT_IMAGE_MODEL,
    "gemini-3.1-flash-image": DEFAULT_IMAGE_MODEL,  # shut down 2026-10-29
    "veo-3.1-fast-generate-preview": DEFAULT_VIDEO_MODEL,  # Veo 3.1 previews shut down 2026-10-22
    "veo-3.1-generate-preview": DEFAULT_VIDEO_MODEL,
    "veo-3.0-fast-generate-001": DEFAULT_VIDEO_MODEL,
}

VideoBackend = Literal["interactions", "veo"]


def bare(model: str) -> str:
    return model.removeprefix("models/")


def successor(model: str) -> str | None:
    return SUCCESSORS.get(bare(model))


def video_backend(model: str, setting: str = "auto") -> VideoBackend:
    """`GEMINI_VIDEO_BACKEND` when set, else by id: Veo ids use `generate_videos`
    (predictLongRunning; on Vertex AI today), everything else the Interactions API."""
    if setting in ("interactions", "veo"):
        return setting  # type: ignore[return-value]
    return "veo" if bare(model).startswith("veo-") else "interactions"


# Clip lengths each video model renders (checked 2026-12-04; no Google page for the Omni ids was in
# the search corpus, so the Omni ranges are third-party: civitai's Gemini Omni recipe — 1.1 takes
# 3-10 s, 1.2 "3-15 seconds, or up to 10 with first/last frames"; muapi's 1.2 page: 3-15 s).
VEO_DURATIONS = (4, 6, 8)
OMNI_DURATIONS: dict[str, tuple[int, ...]] = {
    "gemini-omni-1.1-flash": tuple(range(3, 11)),
    "gemini-omni-1.2-flash": tuple(range(3, 16)),
}
FIRST_FRAME_MAX_S = 10  # Omni 1.2 with a first/last frame: up to 10 s


def video_durations(model: str, with_first_frame: bool = False) -> tuple[int, ...]:
    """The clip lengths `model` renders (Veo 4/6/8; Omni per version; other ids 3-10)."""
    name = bare(model)
    if name.startswith("veo-"):
        return VEO_DURATIONS
    allowed = OMNI_DURATIONS.get(name, tuple(range(3, 11)))
    return tuple(d for d in allowed if d <= FIRST_FRAME_MAX_S) if with_first_frame else allowed


def clip_seconds(model: str, asked: int, with_first_frame: bool = False) -> int:
    """The nearest length `model` renders to `asked` (longer on a tie: more of the script fits)."""
    return min(video_durations(model, with_first_frame), key=lambda d: (abs(d - asked), -d))


def veo_resolution(asked: str, seconds: int) -> str:
    """Veo 3.1 renders 1080p only at 8 s (STACK_NOTES, checked 2026-11-30): 4 and 6 s are 720p."""
    return asked if asked != "1080p" or seconds == 8 else "720p"


def is_gemini3(model: str) -> bool:
    """Gemini 3.x and later take `thinking_level`; 2.x took `thinking_budget`."""
    name = bare(model)
    return not name.startswith(("gemini-2.", "gemini-1."))


def ignores_temperature(model: str) -> bool:
    """Google deprecates sampling settings on the newest models (3.5 and later): they accept the
    field but do not apply it, so the design's per-batch temperature is recorded as not applied
    and variety comes from the seed templates' prompts. Older 3.x and 2.x ids still apply it."""
    name = bare(model)
    if not name.startswith("gemini-3."):
        return name.startswith("gemini-") and not name.startswith(("gemini-2.", "gemini-1."))
    try:
        minor = int(name.split(".")[1].split("-")[0])
    except (IndexError, ValueError):
        return True
    return minor >= 5
