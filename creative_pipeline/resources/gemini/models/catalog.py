"""What we know about Gemini model ids: the current defaults, what replaced the retired ones,
which video backend serves a model, and which request settings a model honours.

Checked on 2026-11-30 against Google's model, deprecation and pricing pages as quoted in the
search corpus, and against the google-genai 2.34.0 source (`_gaos/types/interactions/model.py`
lists `gemini-3.8-flash`, `gemini-3.5-flash-lite`, `gemini-nano-banana-2.1`,
`gemini-3-pro-image` and `gemini-omni-1.1-flash`; it does not list `gemini-omni-1.2-flash`,
which third-party pages describe as Google Cloud only). Re-check when a default moves.
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
