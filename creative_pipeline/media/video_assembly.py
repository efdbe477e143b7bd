"""The offline provider's "video": a short H.264 slideshow of the brief, not a Veo render.

Encoding goes through imageio-ffmpeg's bundled ffmpeg (libx264, yuv420p — what every ad platform
and browser plays) with `macro_block_size=8`: the default 16 makes imageio silently rescale
1080 → 1088. We align sizes to multiples of 8 ourselves, so the encoder never resizes anything.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import imageio_ffmpeg
from PIL import Image, ImageDraw, ImageOps

from creative_pipeline.domain.brief import VideoBrief
from creative_pipeline.media.fonts import draw_lines, fit_text, get_font, line_height, wrap_text
from creative_pipeline.media.layout_renderer import BANNER_FILL, BANNER_INK, gradient
from creative_pipeline.media.thumbnails import load_rgb

MACRO_BLOCK = 8
FULL_SIZES: dict[tuple[str, str], tuple[int, int]] = {
    ("9:16", "720p"): (720, 1280), ("9:16", "1080p"): (1080, 1920),
    ("16:9", "720p"): (1280, 720), ("16:9", "1080p"): (1920, 1080),
}
PREVIEW_SIZES: dict[str, tuple[int, int]] = {"9:16": (360, 640), "16:9": (640, 360)}
VIDEO_LABEL = "OFFLINE PROOF — not AI video"


def align_size(size: tuple[int, int]) -> tuple[int, int]:
    """Round both sides down to a multiple of 8 (even, and no encoder-side rescale)."""
    w, h = size
    return max(MACRO_BLOCK, w - w % MACRO_BLOCK), max(MACRO_BLOCK, h - h % MACRO_BLOCK)


def _fit(img: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Cover-crop `img` to exactly `size` (slides keep their aspect, the frame is filled)."""
    return img if img.size == size else ImageOps.fit(img, size, Image.Resampling.LANCZOS)


def _frames(slides: list[Image.Image], seconds_per_frame: float, fps: int, fade_s: float) -> Iterator[bytes]:
    """Yield the RGB bytes of every output frame: hold each slide, crossfade into the next."""
    total = max(1, round(len(slides) * seconds_per_frame * fps))
    fade = min(fade_s, seconds_per_frame / 3)
    for i in range(total):
        t = i / fps
        k = min(len(slides) - 1, int(t // seconds_per_frame))
        into_next = t - (k + 1) * seconds_per_frame + fade
        if k + 1 < len(slides) and fade > 0 and into_next > 0:
            yield Image.blend(slides[k], slides[k + 1], min(1.0, into_next / fade)).tobytes()
        else:
            yield slides[k].tobytes()


def encode_mp4(slides: list[Image.Image], seconds_per_frame: float, fps: int = 12, fade_s: float = 0.25) -> bytes:
    """Encode same-size RGB slides as an MP4 (via a temp file: ffmpeg needs to seek for the moov)."""
    if not slides:
        raise ValueError("a slideshow needs at least one frame")
    if seconds_per_frame <= 0 or fps <= 0:
        raise ValueError(f"seconds_per_frame and fps must be positive (got {seconds_per_frame}, {fps})")
    size = slides[0].size
    if size != align_size(size) or any(s.size != size for s in slides):
        raise ValueError(f"slides must share one size divisible by {MACRO_BLOCK}, got {[s.size for s in slides]}")
    with tempfile.TemporaryDirectory(prefix="cp-video-") as tmp:
        path = Path(tmp) / "slideshow.mp4"
        writer = imageio_ffmpeg.write_frames(
            str(path), size, fps=fps, codec="libx264", pix_fmt_out="yuv420p", macro_block_size=MACRO_BLOCK,
            quality=None, ffmpeg_log_level="error",
            output_params=["-crf", "23", "-preset", "veryfast", "-movflags", "+faststart"],
        )
        writer.send(None)  # prime the generator
        try:
            for frame in _frames(slides, seconds_per_frame, fps, fade_s):
                writer.send(frame)
        finally:
            writer.close()
        return path.read_bytes()


def slideshow_mp4(frames: list[bytes], seconds_per_frame: float, fps: int = 12, size: tuple[int, int] | None = None) -> bytes:
    """MP4 bytes showing each PNG for `seconds_per_frame` s with a short crossfade between them.

    `size` defaults to the first frame's size; either way it is aligned down to a multiple of 8
    and every frame is cover-cropped to it.
    """
    if not frames:
        raise ValueError("a slideshow needs at least one frame")
    images = [load_rgb(f) for f in frames]
    target = align_size(size or images[0].size)
    return encode_mp4([_fit(img, target) for img in images], seconds_per_frame, fps)


def video_size(brief: VideoBrief, full_resolution: bool = False) -> tuple[int, int]:
    """The brief's real output size, or a small preview size (offline renders stay fast)."""
    return FULL_SIZES[(brief.aspect_ratio, brief.resolution)] if full_resolution else PREVIEW_SIZES[brief.aspect_ratio]


def _card(background: Image.Image, kicker: str, title: str, body: str, creative_name: str) -> Image.Image:
    """One title card: the proof image dimmed, the OFFLINE label, the text on a dark panel, the name."""
    img = Image.blend(background, Image.new("RGB", background.size, (0, 0, 0)), 0.45)
    w, h = img.size
    u = min(w, h) / 720
    d = ImageDraw.Draw(img, "RGBA")
    pad = int(36 * u)
    inner = w - 4 * pad
    label_font = get_font(int(24 * u), bold=True)
    d.rectangle((0, 0, w, line_height(label_font) + int(16 * u)), fill=BANNER_FILL)
    draw_lines(d, wrap_text(d, VIDEO_LABEL, label_font, w - 2 * pad, 1), label_font, pad, int(8 * u), BANNER_INK, align_width=w - 2 * pad)
    kicker_font = get_font(int(26 * u), bold=True)
    title_font, title_lines = fit_text(d, title, inner, 4, int(60 * u), int(22 * u), bold=True)
    body_font, body_lines = fit_text(d, body, inner, 6, int(32 * u), int(16 * u)) if body else (kicker_font, [])
    gap = int(16 * u)
    height = line_height(kicker_font) + len(title_lines) * line_height(title_font) + len(body_lines) * line_height(body_font) + 2 * gap
    y = max(line_height(label_font) + pad, int(h * 0.42) - height // 2)
    d.rounded_rectangle((pad, y - pad // 2, w - pad, y + height + pad // 2), radius=int(18 * u), fill=(0, 0, 0, 205))
    y = draw_lines(d, [kicker], kicker_font, 2 * pad, y, BANNER_FILL) + gap
    y = draw_lines(d, title_lines, title_font, 2 * pad, y, (255, 255, 255)) + gap
    draw_lines(d, body_lines, body_font, 2 * pad, y, (230, 230, 230))
    name_font, name = fit_text(d, creative_name, w - 2 * pad, 1, int(20 * u), 8)
    name_y = h - pad - line_height(name_font)
    d.rectangle((0, name_y - int(8 * u), w, h), fill=(0, 0, 0, 190))
    draw_lines(d, name, name_font, pad, name_y, (220, 220, 220))
    return img


def render_offline_video(
    brief: VideoBrief, image_pngs: list[bytes], creative_name: str, full_resolution: bool = False, fps: int = 12
) -> bytes:
    """A labelled slideshow of the video brief: one card per shot plus a CTA card.

    Shot cards sit on the creative's proof images (cycled); the total length is exactly
    `brief.duration_seconds`, and the aspect ratio is the brief's.
    """
    size = align_size(video_size(brief, full_resolution))
    backgrounds = [_fit(load_rgb(png), size) for png in image_pngs] or [gradient(size, (30, 40, 60), (10, 10, 14), "vertical")]
    n = len(brief.shots)
    slides = []
    for i, shot in enumerate(brief.shots):
        title = shot.on_screen_text or shot.description
        body = shot.description if shot.on_screen_text else ""
        slides.append(_card(backgrounds[i % len(backgrounds)], f"SHOT {i + 1}/{n}", title, body, creative_name))
    slides.append(_card(backgrounds[0], "CALL TO ACTION", brief.cta, brief.voiceover and f"Voiceover: {brief.voiceover}", creative_name))
    return encode_mp4(slides, brief.duration_seconds / len(slides), fps)

