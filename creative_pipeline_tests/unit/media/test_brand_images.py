"""The checks a brand image passes before it is kept, on real bytes made with Pillow."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from creative_pipeline.demo.site_server import SITE_DIR
from creative_pipeline.media.brand_images import MAX_IMAGE_BYTES, ImageRefused, check_image, palette_colors, sniff_type

PRODUCT = (SITE_DIR / "img" / "cold-brew-bottle.jpg").read_bytes()
LOGO = (SITE_DIR / "img" / "brightbrew-logo.png").read_bytes()


def encoded(img: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    return buf.getvalue()


@pytest.mark.parametrize(("fmt", "mime"), [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")])
def test_jpeg_png_and_webp_pass_with_their_size(fmt: str, mime: str) -> None:
    data = encoded(Image.new("RGB", (640, 480), (200, 120, 40)), fmt)
    checked = check_image(data, mime)
    assert (checked.content_type, checked.width, checked.height) == (mime, 640, 480) and sniff_type(data) == mime


def test_the_sample_product_photo_and_logo_pass() -> None:
    assert check_image(PRODUCT, "image/jpeg").content_type == "image/jpeg"
    assert check_image(LOGO, "image/png", kind="logo").width == 600


@pytest.mark.parametrize(
    ("data", "declared", "kind", "reason"),
    [
        ((SITE_DIR / "img" / "seasonal-special.jpg").read_bytes(), "image/jpeg", "product", "is an HTML page"),
        (b"GIF89a" + b"\0" * 100, None, "product", "not a JPEG, PNG or WebP"),
        (PRODUCT, "image/png", "product", "declared image/png but its bytes are image/jpeg"),
        (PRODUCT[: len(PRODUCT) // 2], None, "product", "could not be decoded"),
        (b"\xff\xd8\xff" + b"\0" * (MAX_IMAGE_BYTES), None, "product", "larger than 10 MB"),
        (b"", None, "product", "is empty"),
        (encoded(Image.new("RGB", (120, 120)), "PNG"), None, "product", "needs at least 200 px"),
        (encoded(Image.new("RGB", (2000, 200)), "PNG"), None, "product", "too narrow"),
        (encoded(Image.new("RGB", (20, 20)), "PNG"), None, "logo", "needs at least 32 px"),
    ],
)
def test_refusals_say_which_check_failed(data: bytes, declared: str | None, kind: str, reason: str) -> None:
    with pytest.raises(ImageRefused, match=reason):
        check_image(data, declared, kind)  # type: ignore[arg-type]


def test_a_decompression_bomb_is_refused_from_its_header() -> None:
    bomb = encoded(Image.new("1", (9000, 9000)), "PNG", optimize=True)  # 81 MP in a small file
    assert len(bomb) < 200_000
    with pytest.raises(ImageRefused, match="too large to decode safely|decompression bomb"):
        check_image(bomb, "image/png")


def test_palette_of_the_logo_is_its_ink_and_its_accent() -> None:
    colours = palette_colors(LOGO)
    assert colours[:2] == ["#2B1B17", "#E8A33D"]  # transparent background left out, edge shades merged
    assert len(colours) == len(set(colours)) <= 4
