"""The words of a video request (video.v2), for whichever backend renders it.

Why a function and not just the template: the wording follows the request. The framing says
vertical only for 9:16 and landscape for 16:9 (v1 said "Vertical" for every aspect). What a
negative prompt says — no on-screen text, no distorted product, no watermark — goes into the
instruction for Omni (the Interactions API has no negative-prompt field) and into Veo's
`negative_prompt` (then the instruction does not repeat it). Supers and the end card are added
after rendering (`media/video_assembly.py`), so a shot's on-screen text is never asked of the
model; the shots are timed to the one clip that is rendered.
"""

from __future__ import annotations

from pydantic import BaseModel

from creative_pipeline.domain.brief import VideoBrief
from creative_pipeline.prompts.renderer import render

NEGATIVE = ("on-screen text, captions, subtitles, titles, logos drawn as text, buttons, a distorted, warped or "
            "changed product, extra products, watermarks")
FRAMING = {"9:16": "Vertical (9:16)", "16:9": "Landscape (16:9)", "1:1": "Square (1:1)", "4:5": "Portrait (4:5)"}


class VideoPrompt(BaseModel):
    text: str
    negative_prompt: str  # for Veo's field; empty for Omni (the words are in `text`)
    version: str


def video_prompt(brief: VideoBrief, backend: str, seconds: int, first_frame: bool, references: int) -> VideoPrompt:
    """The request's instruction for `backend` ("interactions" = Omni, "veo")."""
    scale = seconds / brief.duration_seconds if brief.duration_seconds else 1.0
    shots = " | ".join(f"{a * scale:.1f}-{b * scale:.1f} s: {s.description}" for a, b, s in brief.timed_shots())
    audio = brief.audio
    sound = "; ".join(part for part in (
        f'{audio.speaker or "a voice"} says: "{audio.dialogue}"' if audio.dialogue else "",
        f'voice-over: "{brief.voiceover}"' if brief.voiceover and not audio.dialogue else "",
        f"effects: {audio.effects}" if audio.effects else "", f"ambience: {audio.ambience}" if audio.ambience else "",
    ) if part) or "natural ambience, no music with lyrics"
    refs = []
    if first_frame:
        refs.append("The first image is the opening frame: start exactly on it.")
    if references:
        refs.append("Keep the product exactly as it looks in the reference images.")
    omni = backend != "veo"
    rendered = render(
        "video", framing=FRAMING.get(brief.aspect_ratio, brief.aspect_ratio), duration=str(seconds),
        concept=brief.concept, shots=shots, camera=brief.camera or "steady, slow push-in on the product",
        lighting=brief.lighting or "soft, natural light", audio=sound, references=" ".join(refs),
        negative=f"Avoid: {NEGATIVE}." if omni else "",
    )
    return VideoPrompt(text=rendered.text.strip(), negative_prompt="" if omni else NEGATIVE, version=rendered.version)
