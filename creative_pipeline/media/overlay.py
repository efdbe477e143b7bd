"""Lay the ad's words over a clean plate: the headline at the top of the placement's safe zone,
the CTA line at its bottom, as text in the brand's colours.

Why the project draws the words and not the image model: models render text poorly, and a drawn
button breaks platform rules (the platform's own CTA button, e.g. LEARN_MORE, goes with the
export). So the CTA is a line of text with an arrow, never a button shape; soft dark gradients
behind both blocks keep them legible on any picture. Everything drawn stays inside
`safe_zones.safe_rect` for the placement (tested), and `plan_overlay` is the geometry alone, so a
test can check it without reading pixels.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw
from pydantic import BaseModel

from creative_pipeline.domain.brand import BrandKit
from creative_pipeline.domain.brief import ImageBrief, normalise_colour
from creative_pipeline.media.fonts import fit_text, get_font, line_height, text_width, wrap_text
from creative_pipeline.media.layout_renderer import RGB, banner_clear_x, contrast, draw_banner, hex_rgb
from creative_pipeline.media.reframe import reframe_image
from creative_pipeline.media.safe_zones import Rect, safe_rect
from creative_pipeline.media.thumbnails import load_rgb

SCRIM: RGB = (12, 12, 16)  # the darkest a scrim gets: text colours are chosen against it
MIN_CONTRAST = 3.0  # WCAG AA for large text
FALLBACK_INK: RGB = (255, 255, 255)


class OverlayCopy(BaseModel):
    """The words and colours of one ad. `colours`: the brand kit's first, then the brief's palette."""

    headline: str
    cta_line: str
    colours: list[str] = []
    font: str | None = None  # the brand kit's typeface; the shipped font when None


def ad_copy(brief: ImageBrief, kit: BrandKit | None, script_headline: str | None = None) -> OverlayCopy:
    """The words and colours for a winner's ads: the script's short headline when it has one (else
    the brief's), the brief's CTA line, the brand kit's colours and typeface first and the brief's
    palette after them (a company without a kit gets the palette, read from its site's colours)."""
    colours = [*(kit.colors if kit else []), *brief.palette]
    return OverlayCopy(headline=(script_headline or brief.headline).strip(), cta_line=brief.cta.strip(),
                       colours=list(dict.fromkeys(colours)), font=kit.font if kit and kit.font else None)


class OverlayLayout(BaseModel):
    """Where and how the words go on one frame."""

    size: tuple[int, int]
    safe: Rect
    headline_lines: list[str]
    headline_px: int
    headline_box: Rect
    cta_text: str
    cta_px: int
    cta_box: Rect
    headline_colour: str
    cta_colour: str
    brand_colours_used: bool
    font: str | None = None


def _hex(rgb: RGB) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def text_colours(colours: list[str]) -> tuple[RGB, RGB, bool]:
    """(headline, cta, from the brand): the brand colours that read on the scrim, best first; white
    when none does (said so by the flag)."""
    rgbs = [hex_rgb(c) for c in (normalise_colour(c) for c in colours) if c]
    readable = sorted((c for c in rgbs if contrast(c, SCRIM) >= MIN_CONTRAST), key=lambda c: -contrast(c, SCRIM))
    if not readable:
        return FALLBACK_INK, FALLBACK_INK, False
    head = readable[0]
    cta = next((c for c in readable[1:] if c != head), head)
    return head, cta, True


def plan_overlay(size: tuple[int, int], copy: OverlayCopy, placement: str, banner: bool = False) -> OverlayLayout:
    """Fit the headline (up to 3 lines, at most 30 % of the safe height) at the top of the safe
    zone and the CTA line (one line) at its bottom; with `banner` (offline proofs) the headline
    also stays clear of the corner banner."""
    w, h = size
    x0, y0, x1, y1 = safe = safe_rect(size, placement)
    u = min(w, h) / 1080
    draw = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    width = x1 - x0
    head_width = min(x1, banner_clear_x(w, h, y0)) - x0 if banner else width
    head_font, head_lines = fit_text(draw, copy.headline, max(40, head_width), 3, int(92 * u), max(10, int(30 * u)), bold=True,
                                     max_height=int((y1 - y0) * 0.30), family=copy.font)
    head_h = len(head_lines) * line_height(head_font)
    head_w = max((text_width(draw, line, head_font) for line in head_lines), default=0)
    cta_size = max(10, int(52 * u))
    cta_font = get_font(cta_size, True, copy.font)
    cta_text = wrap_text(draw, f"{copy.cta_line} →", cta_font, width, 1)[0]
    cta_h = line_height(cta_font)
    head_colour, cta_colour, from_brand = text_colours(copy.colours)
    return OverlayLayout(
        size=size, safe=safe, headline_lines=head_lines, headline_px=head_font.size, cta_text=cta_text,
        headline_box=(x0, y0, x0 + head_w, y0 + head_h), cta_px=cta_size,
        cta_box=(x0, y1 - cta_h, x0 + text_width(draw, cta_text, cta_font), y1),
        headline_colour=_hex(head_colour), cta_colour=_hex(cta_colour), brand_colours_used=from_brand, font=copy.font,
    )


def _scrim(img: Image.Image, solid: tuple[int, int], fade_px: int) -> None:
    """Darken rows `solid` (a text block and its padding) with SCRIM, fading out over `fade_px`
    on both sides, so the words read on any picture without a box that could pass for a button."""
    top, bottom = solid
    peak = 0.62
    column = []
    for y in range(img.height):
        distance = max(top - y, y - bottom, 0)
        column.append(int(255 * peak * max(0.0, 1 - distance / max(1, fade_px))))
    alpha = Image.new("L", (1, img.height))
    alpha.putdata(column)
    img.paste(Image.new("RGB", img.size, SCRIM), (0, 0), alpha.resize(img.size))


def draw_overlay(img: Image.Image, layout: OverlayLayout) -> None:
    pad = int(min(img.size) * 0.04)
    _scrim(img, (layout.headline_box[1] - pad, layout.headline_box[3] + pad), 4 * pad)
    _scrim(img, (layout.cta_box[1] - pad, layout.cta_box[3] + pad), 3 * pad)
    d = ImageDraw.Draw(img)
    head_font = get_font(layout.headline_px, True, layout.font)
    y = layout.headline_box[1]
    for line in layout.headline_lines:
        d.text((layout.headline_box[0], y), line, font=head_font, fill=hex_rgb(layout.headline_colour))
        y += line_height(head_font)
    d.text((layout.cta_box[0], layout.cta_box[1]), layout.cta_text, font=get_font(layout.cta_px, True, layout.font),
           fill=hex_rgb(layout.cta_colour))


def compose_ad(plate_png: bytes, copy: OverlayCopy, placement: str, *, offline_label: bool = False) -> tuple[bytes, OverlayLayout]:
    """The plate reframed for `placement` with the words laid over (PNG), and where they went.
    An offline proof gets its "OFFLINE PROOF" banner again: the reframe may have cut it off."""
    img = reframe_image(load_rgb(plate_png), placement).copy()
    layout = plan_overlay(img.size, copy, placement, banner=offline_label)
    draw_overlay(img, layout)
    if offline_label:
        draw_banner(img)
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=3)
    return buf.getvalue(), layout
