"""The offline layout proof: right size, reflects the brief, variants differ, always labelled."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops

from creative_pipeline.media import fonts
from creative_pipeline.media.layout_renderer import (
    BANNER_FILL,
    banner_region,
    canvas_size,
    gradient,
    hex_rgb,
    render_layout_proof,
)

from .conftest import CREATIVE_NAME, make_image_brief

SCALE = 0.25


def _open(png: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG"
    return img.convert("RGB")


def _diff_fraction(a: Image.Image, b: Image.Image) -> float:
    """Share of pixels that differ noticeably between two same-size images."""
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 24 else 0)
    return diff.histogram()[255] / (a.width * a.height)


@pytest.mark.parametrize(
    ("aspect", "size"), [("9:16", (1080, 1920)), ("1:1", (1080, 1080)), ("16:9", (1920, 1080)), ("4:5", (1080, 1350))]
)
def test_canvas_sizes_are_exact(aspect: str, size: tuple[int, int]) -> None:
    assert canvas_size(aspect) == size  # type: ignore[arg-type]
    scaled = _open(render_layout_proof(make_image_brief(aspect_ratio=aspect), CREATIVE_NAME, scale=SCALE))
    assert scaled.size == canvas_size(aspect, SCALE)  # type: ignore[arg-type]
    assert abs(scaled.width / scaled.height - size[0] / size[1]) < 0.01


def test_full_size_portrait_proof() -> None:
    assert _open(render_layout_proof(make_image_brief(), CREATIVE_NAME)).size == (1080, 1920)


def test_different_briefs_give_different_proofs() -> None:
    a = _open(render_layout_proof(make_image_brief(), CREATIVE_NAME, scale=SCALE))
    b = _open(render_layout_proof(make_image_brief(headline="Half the price, twice the crema"), CREATIVE_NAME, scale=SCALE))
    c = _open(render_layout_proof(make_image_brief(palette=["#8B1E3F", "#F2A541"]), CREATIVE_NAME, scale=SCALE))
    assert _diff_fraction(a, b) > 0.005  # only the headline changed
    assert _diff_fraction(a, c) > 0.3  # the whole background changed


def test_rendering_is_deterministic() -> None:
    brief = make_image_brief()
    assert render_layout_proof(brief, CREATIVE_NAME, 2, scale=SCALE) == render_layout_proof(brief, CREATIVE_NAME, 2, scale=SCALE)


@pytest.mark.parametrize("aspect", ["9:16", "16:9"])
def test_variants_differ_from_primary_and_each_other(aspect: str) -> None:
    brief = make_image_brief(aspect_ratio=aspect)
    v1, v2, v3 = (_open(render_layout_proof(brief, CREATIVE_NAME, v, scale=SCALE)) for v in (1, 2, 3))
    assert _diff_fraction(v1, v2) > 0.25
    assert _diff_fraction(v1, v3) > 0.25
    assert _diff_fraction(v2, v3) > 0.25


def test_variant_shows_its_variation_text() -> None:
    """Changing variations[0] changes variant 2, and leaves the primary alone."""
    brief = make_image_brief()
    other = make_image_brief(variations=["A completely different scene on a beach", brief.variations[1]])
    assert render_layout_proof(brief, CREATIVE_NAME, 1, scale=SCALE) == render_layout_proof(other, CREATIVE_NAME, 1, scale=SCALE)
    v2a = _open(render_layout_proof(brief, CREATIVE_NAME, 2, scale=SCALE))
    v2b = _open(render_layout_proof(other, CREATIVE_NAME, 2, scale=SCALE))
    assert _diff_fraction(v2a, v2b) > 0.002


@pytest.mark.parametrize("variant", [1, 2, 3])
@pytest.mark.parametrize("aspect", ["9:16", "16:9", "1:1"])
def test_offline_banner_is_drawn(aspect: str, variant: int) -> None:
    """The banner's fixed yellow and dark lettering are in its corner; the bare background has neither."""
    brief = make_image_brief(aspect_ratio=aspect)
    img = _open(render_layout_proof(brief, CREATIVE_NAME, variant, scale=0.5))
    box = banner_region(*img.size)
    region = img.crop(box)
    pixels = list(region.getdata())
    yellow = sum(1 for p in pixels if all(abs(c - t) <= 12 for c, t in zip(p, BANNER_FILL)))
    ink = sum(1 for p in pixels if max(p) < 60)
    assert yellow / len(pixels) > 0.08, "banner strip missing"
    assert ink / len(pixels) > 0.003, "banner lettering missing"
    bare = gradient(img.size, hex_rgb(brief.palette[0]), hex_rgb(brief.palette[1]), "vertical").crop(box)
    assert not any(all(abs(c - t) <= 12 for c, t in zip(p, BANNER_FILL)) for p in bare.getdata())


def test_invalid_variant_is_rejected() -> None:
    with pytest.raises(ValueError, match="variant"):
        render_layout_proof(make_image_brief(), CREATIVE_NAME, 4, scale=SCALE)


def test_long_copy_still_renders() -> None:
    brief = make_image_brief(
        headline="W" * 90, subheadline="x " * 70, cta="C" * 40, visual_description="word " * 240, composition="y" * 300
    )
    for variant in (1, 2, 3):
        assert _open(render_layout_proof(brief, CREATIVE_NAME, variant, persona="P" * 200, scale=SCALE)).size == (270, 480)


def test_fallback_font_when_no_dejavu(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a machine without DejaVu, Pillow's bundled font is used and text is folded to ASCII."""
    monkeypatch.setattr(fonts, "font_path", lambda bold=False: None)
    fonts.get_font.cache_clear()
    try:
        assert fonts.printable("Café — “best”") == 'Cafe - "best"'
        assert _open(render_layout_proof(make_image_brief(), CREATIVE_NAME, scale=SCALE)).size == (270, 480)
    finally:
        fonts.get_font.cache_clear()


def test_wrap_text_breaks_long_names_at_separators() -> None:
    from PIL import ImageDraw

    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    lines = fonts.wrap_text(draw, CREATIVE_NAME, fonts.get_font(16), 200)
    assert "".join(lines) == CREATIVE_NAME
    assert all(fonts.text_width(draw, line, fonts.get_font(16)) <= 200 for line in lines)
    assert lines[0].endswith("_")
