"""Image and video bytes for the Gemini simulator.

Images are real PNGs (Pillow) sized by the requested aspect ratio so callers that
check dimensions or re-open the bytes behave as they would with the real model.
Videos are real H.264 MP4s encoded once per (aspect ratio, duration) with the bundled
imageio-ffmpeg and then made unique per file by appending a top-level ISO-BMFF `free`
box (valid MP4, no extra encode cost); without ffmpeg a minimal ftyp-only stub is used.
"""

from __future__ import annotations

import colorsys
import io
import os
import struct
import tempfile
import threading
from typing import Final

from PIL import Image, ImageDraw

#: Aspect ratios the real image model accepts (generationConfig.imageConfig.aspectRatio).
IMAGE_ASPECT_RATIOS: Final = ("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9")
#: Aspect ratios Veo accepts.
VIDEO_ASPECT_RATIOS: Final = ("16:9", "9:16")
_LONG_SIDE: Final = 512


def image_size(aspect_ratio: str, long_side: int = _LONG_SIDE) -> tuple[int, int]:
    """Map "W:H" to pixels with the long side fixed (9:16 -> 288x512, 4:5 -> 410x512)."""
    w_str, h_str = aspect_ratio.split(":")
    w, h = float(w_str), float(h_str)
    if w >= h:
        return long_side, max(1, round(long_side * h / w))
    return max(1, round(long_side * w / h)), long_side


def _colour(index: int) -> tuple[int, int, int]:
    """A distinct, saturated colour per request (golden-ratio hue walk)."""
    hue = (index * 0.61803398875) % 1.0
    r, g, b = colorsys.hsv_to_rgb(hue, 0.65, 0.9)
    return int(r * 255), int(g * 255), int(b * 255)


def render_png(aspect_ratio: str, index: int, label: str = "") -> bytes:
    """Render a small PNG whose background colour varies with `index`."""
    width, height = image_size(aspect_ratio)
    base = _colour(index)
    img = Image.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(img)
    accent = tuple(255 - c for c in base)
    draw.rectangle((width // 10, height // 10, width * 9 // 10, height * 9 // 10), outline=accent, width=4)
    draw.ellipse((width // 3, height // 3, width * 2 // 3, height * 2 // 3), fill=accent)
    draw.text((width // 10 + 8, height // 10 + 8), f"SIM #{index} {label}"[:40], fill=(255, 255, 255))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def stub_mp4() -> bytes:
    """Smallest MP4-looking payload: an `ftyp` box (used when ffmpeg is unavailable)."""
    return _box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41")


_VIDEO_CACHE: dict[tuple[str, int], bytes] = {}
_VIDEO_LOCK = threading.Lock()


def _encode_mp4(aspect_ratio: str, duration_s: int) -> bytes:
    import imageio_ffmpeg

    width, height = (128, 72) if aspect_ratio == "16:9" else (72, 128)
    fps = 4
    with tempfile.TemporaryDirectory(prefix="gemini-sim-") as tmp:
        path = os.path.join(tmp, "clip.mp4")
        writer = imageio_ffmpeg.write_frames(
            path, (width, height), fps=fps, macro_block_size=8, ffmpeg_log_level="error"
        )
        writer.send(None)
        for frame in range(max(1, duration_s) * fps):
            img = Image.new("RGB", (width, height), _colour(frame))
            writer.send(img.tobytes())
        writer.close()
        with open(path, "rb") as fh:
            return fh.read()


def render_mp4(aspect_ratio: str, duration_s: int, unique_tag: str) -> bytes:
    """Return MP4 bytes for a clip; encoded once per shape, unique per `unique_tag`."""
    key = (aspect_ratio, int(duration_s))
    with _VIDEO_LOCK:
        base = _VIDEO_CACHE.get(key)
        if base is None:
            try:
                base = _encode_mp4(aspect_ratio, int(duration_s))
            except Exception:  # noqa: BLE001 - ffmpeg missing/broken: degrade to a stub
                base = stub_mp4()
            _VIDEO_CACHE[key] = base
    return base + _box(b"free", f"gemini-sim {unique_tag}".encode())


def delivered_shape(aspect_ratio: str, duration_s: int, fault: str | None) -> tuple[str, int]:
    """What the render really delivers: as asked, or — under the `wrong_shape` fault, as Omni has
    been reported to do without an error — the other orientation and two seconds shorter."""
    if fault != "wrong_shape":
        return aspect_ratio, duration_s
    return ("16:9" if aspect_ratio == "9:16" else "9:16"), max(3, int(duration_s) - 2)
