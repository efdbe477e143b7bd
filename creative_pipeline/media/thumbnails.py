"""Thumbnails for listings (Dagster metadata, review UI, contact sheets): small JPEGs.

JPEG because thumbnails are many and looked at, not edited; RGB because JPEG has no alpha
(transparent pixels are flattened onto white, which is what a viewer would show anyway).
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps


def load_rgb(image_bytes: bytes) -> Image.Image:
    """Decode any Pillow-readable image to RGB, honouring EXIF rotation and flattening alpha."""
    with Image.open(io.BytesIO(image_bytes)) as src:
        img = ImageOps.exif_transpose(src)
        img.load()
    if img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return img.convert("RGB")


def make_thumbnail(png_bytes: bytes, max_side: int = 320, quality: int = 82) -> bytes:
    """A JPEG whose longer side is at most `max_side` px, aspect ratio kept (never upscaled)."""
    if max_side < 1:
        raise ValueError(f"max_side must be positive, got {max_side}")
    img = load_rgb(png_bytes)
    img.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality, optimize=True)
    return buf.getvalue()
