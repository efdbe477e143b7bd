"""Reframe one picture for another aspect ratio: the largest centred crop of that shape.

A clean plate is drawn once per variant; its placements (9:16, 4:5, 1:1) and a video's first
frame (9:16 or 16:9) are crops of it, never stretched, so the product keeps its proportions.
"""

from __future__ import annotations

import io

from PIL import Image

from creative_pipeline.media.thumbnails import load_rgb


def ratio(aspect_ratio: str) -> float:
    """'9:16' -> 0.5625 (width / height)."""
    w, h = (int(p) for p in aspect_ratio.split(":"))
    return w / h


def crop_box(size: tuple[int, int], aspect_ratio: str) -> tuple[int, int, int, int]:
    """The largest centred box of `aspect_ratio` inside `size` (even sides: video encoders need it)."""
    w, h = size
    target = ratio(aspect_ratio)
    if w / h > target:  # too wide: cut the sides
        cw, ch = round(h * target), h
    else:  # too tall: cut top and bottom
        cw, ch = w, round(w / target)
    cw, ch = max(2, cw - cw % 2), max(2, ch - ch % 2)
    x0, y0 = (w - cw) // 2, (h - ch) // 2
    return x0, y0, x0 + cw, y0 + ch


def reframe_image(img: Image.Image, aspect_ratio: str) -> Image.Image:
    box = crop_box(img.size, aspect_ratio)
    return img if box == (0, 0, *img.size) else img.crop(box)


def reframe_png(data: bytes, aspect_ratio: str) -> bytes:
    """PNG bytes of the plate cropped to `aspect_ratio` (the bytes as they are when it already is)."""
    img = load_rgb(data)
    out = reframe_image(img, aspect_ratio)
    if out is img:
        return data
    buf = io.BytesIO()
    out.save(buf, format="PNG", compress_level=3)
    return buf.getvalue()
