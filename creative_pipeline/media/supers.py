"""Supers and the end card, added to a rendered video afterwards — never asked of the model.

Why: video models draw words poorly, and a rendered super cannot be corrected or translated
without paying for a new clip. So the render is asked for without text, and here each shot's
on-screen text is laid over during that shot's seconds (lower middle of the 9:16 / 16:9 safe
zone, in the brand's colours on a soft scrim, as `media/overlay.py` does for images), then an end
card — the last frame dimmed with the CTA line — is appended. The rendered clip stays stored as it
came (it is what the probe compared with the request); this is the finished ad cut from it.
Frames go through imageio-ffmpeg's ffmpeg; the clip's own audio is kept.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import imageio_ffmpeg
from PIL import Image, ImageDraw, ImageEnhance

from creative_pipeline.media.fonts import fit_text, line_height, text_width
from creative_pipeline.media.layout_renderer import hex_rgb
from creative_pipeline.media.overlay import SCRIM, text_colours
from creative_pipeline.media.safe_zones import safe_rect
from creative_pipeline.media.video_probe import aspect_label

Super = tuple[float, float, str]  # (start s, end s, text)
END_CARD_S = 1.5


def _draw_block(img: Image.Image, text: str, colour: tuple[int, int, int], where: str, aspect: str) -> None:
    """One block of text centred in the safe zone (`where`: "low" for a super, "middle" for the card)."""
    x0, y0, x1, y1 = safe_rect(img.size, aspect if aspect in ("9:16", "16:9", "1:1", "4:5") else "1:1")
    d = ImageDraw.Draw(img, "RGBA")
    u = min(img.size) / 1080
    font, lines = fit_text(d, text, x1 - x0, 3, int(64 * u), max(8, int(24 * u)), bold=True)
    h = len(lines) * line_height(font)
    top = y1 - h if where == "low" else (y0 + y1 - h) // 2
    pad = max(2, int(16 * u))
    d.rectangle((x0 - pad, top - pad, x1 + pad, top + h + pad), fill=SCRIM + (150,))
    for i, line in enumerate(lines):
        d.text((x0 + (x1 - x0 - text_width(d, line, font)) // 2, top + i * line_height(font)), line, font=font, fill=colour)


def add_supers(video: bytes, supers: list[Super], end_card: str, colours: list[str]) -> bytes:
    """The rendered clip with each super over its seconds and an END_CARD_S end card with `end_card`."""
    ink, _, _ = text_colours(colours)
    with tempfile.TemporaryDirectory(prefix="cp-supers-") as tmp:
        src, out = Path(tmp) / "render.mp4", Path(tmp) / "ad.mp4"
        src.write_bytes(video)
        reader = imageio_ffmpeg.read_frames(str(src))
        meta = next(reader)
        size, fps = tuple(meta["size"]), float(meta.get("fps") or 24)
        aspect = aspect_label(*size)
        writer = imageio_ffmpeg.write_frames(
            str(out), size, fps=fps, codec="libx264", pix_fmt_out="yuv420p", macro_block_size=8, quality=None,
            ffmpeg_log_level="error", audio_path=str(src) if meta.get("audio_codec") else None,
            output_params=["-crf", "23", "-preset", "veryfast", "-movflags", "+faststart"])
        writer.send(None)
        last = None
        try:
            for i, raw in enumerate(reader):
                img = Image.frombytes("RGB", size, raw)
                t = i / fps
                for start, end, text in supers:
                    if text and start <= t < end:
                        _draw_block(img, text, ink, "low", aspect)
                writer.send(img.tobytes())
                last = img
            card = ImageEnhance.Brightness(last or Image.new("RGB", size)).enhance(0.35)
            _draw_block(card, end_card, ink, "middle", aspect)
            for _ in range(max(1, round(END_CARD_S * fps))):
                writer.send(card.tobytes())
        finally:
            writer.close()
        return out.read_bytes()
