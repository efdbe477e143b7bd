"""Thumbnails: JPEG, RGB, longest side capped, aspect kept, never upscaled."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from creative_pipeline.media.thumbnails import make_thumbnail


def _png(size: tuple[int, int], mode: str = "RGB") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, (200, 30, 60, 128) if mode == "RGBA" else (200, 30, 60)).save(buf, format="PNG")
    return buf.getvalue()


@pytest.mark.parametrize(("size", "expected"), [((1080, 1920), (180, 320)), ((1920, 1080), (320, 180)), ((1080, 1350), (256, 320))])
def test_thumbnail_size_and_format(size: tuple[int, int], expected: tuple[int, int]) -> None:
    data = make_thumbnail(_png(size))
    assert data[:3] == b"\xff\xd8\xff"  # JPEG SOI marker
    thumb = Image.open(io.BytesIO(data))
    assert thumb.format == "JPEG" and thumb.mode == "RGB"
    assert thumb.size == expected


def test_transparent_png_is_flattened_and_small_images_not_upscaled() -> None:
    thumb = Image.open(io.BytesIO(make_thumbnail(_png((100, 50), "RGBA"), max_side=320)))
    assert thumb.mode == "RGB" and thumb.size == (100, 50)
    r, g, b = thumb.getpixel((50, 25))
    assert r > 200 and g > 120  # half-transparent red on white, not on black


def test_rejects_nonpositive_size() -> None:
    with pytest.raises(ValueError):
        make_thumbnail(_png((10, 10)), max_side=0)
