"""The offline provider's "image": a layout proof of an ImageBrief, drawn with Pillow.

It exists so the pipeline runs end to end without Gemini, and it must never pass for AI art:
a wireframe picture box holding the visual description, the real ad copy laid out, the palette
as swatches, and a corner banner "OFFLINE PROOF — not AI output" in a fixed high-contrast colour.
Variants 2 and 3 show the brief's variation text and use another layout and colour arrangement,
so a reviewer sees three different proofs, as they would see three different generations.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from creative_pipeline.domain.brief import AspectRatio, ImageBrief
from creative_pipeline.media.fonts import draw_lines, fit_text, get_font, line_height, text_width, wrap_text

BASE_SIZES: dict[str, tuple[int, int]] = {"9:16": (1080, 1920), "1:1": (1080, 1080), "16:9": (1920, 1080), "4:5": (1080, 1350)}
BANNER_TEXT = "OFFLINE PROOF — not AI output"
BANNER_FILL = (255, 214, 0)
BANNER_INK = (20, 20, 20)
Rect = tuple[int, int, int, int]
RGB = tuple[int, int, int]


def canvas_size(aspect_ratio: AspectRatio, scale: float = 1.0) -> tuple[int, int]:
    """Pixel size for an aspect ratio, scaled and rounded to even numbers (video encoders need it)."""
    w, h = BASE_SIZES[aspect_ratio]
    return max(2, round(w * scale / 2) * 2), max(2, round(h * scale / 2) * 2)


def hex_rgb(colour: str) -> RGB:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def ink_for(rgb: RGB) -> RGB:
    """Black or white, whichever reads on `rgb` (relative luminance threshold)."""
    r, g, b = rgb
    return (17, 17, 17) if 0.2126 * r + 0.7152 * g + 0.0722 * b > 150 else (255, 255, 255)


def gradient(size: tuple[int, int], start: RGB, end: RGB, kind: str) -> Image.Image:
    """A two-colour background: 'vertical', 'horizontal' or 'radial' (centre = start)."""
    mask = Image.radial_gradient("L") if kind == "radial" else Image.linear_gradient("L")
    if kind == "horizontal":
        mask = mask.transpose(Image.Transpose.ROTATE_90)
    mask = mask.resize(size)
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)


def _banner_geometry(width: int, height: int) -> tuple[int, int]:
    """(a, band): the strip's centre line runs from (width - a, 0) to (width, a); band = thickness."""
    return int(min(width, height) * 0.34), max(12, int(min(width, height) * 0.065))


def banner_region(width: int, height: int) -> Rect:
    """The box the corner banner covers (top-right), exposed so tests can check it was drawn."""
    a, band = _banner_geometry(width, height)
    return width - a - band, 0, width, a + band


def banner_clear_x(width: int, height: int, y: int) -> int:
    """The right-most x at row `y` that the banner does not cover, so text can stay clear of it."""
    a, band = _banner_geometry(width, height)
    if y > a + band:
        return width
    return max(0, width - a + y - int(band * 0.75) - int(min(width, height) * 0.01))


def draw_banner(img: Image.Image) -> None:
    """A diagonal strip across the top-right corner; fixed colours so no palette can hide it."""
    w, h = img.size
    a, band = _banner_geometry(w, h)
    strip = Image.new("RGBA", (int(a * 1.5) + 2 * band, band), BANNER_FILL + (255,))
    sd = ImageDraw.Draw(strip)
    edge = max(1, band // 16)  # dark edges keep the strip visible on a yellow or white palette
    sd.rectangle((0, 0, strip.width, edge - 1), fill=BANNER_INK)
    sd.rectangle((0, band - edge, strip.width, band), fill=BANNER_INK)
    font, lines = fit_text(sd, BANNER_TEXT, int(a * 1.3), 1, int(band * 0.6), 6, bold=True)
    tw = text_width(sd, lines[0], font)
    sd.text(((strip.width - tw) // 2, (band - line_height(font)) // 2 + 1), lines[0], font=font, fill=BANNER_INK)
    rotated = strip.rotate(-45, resample=Image.Resampling.BICUBIC, expand=True)
    cx, cy = w - a // 2, a // 2
    img.paste(rotated, (cx - rotated.width // 2, cy - rotated.height // 2), rotated)


def _regions(w: int, h: int, variant: int) -> tuple[Rect, Rect, Rect]:
    """(visual frame, copy block, footer) per variant: visual first, copy first, or copy overlaid."""
    m = int(min(w, h) * 0.05)
    footer = (m, h - m - int(h * 0.075), w - m, h - m)
    x0, y0, x1, y1 = m, m, w - m, footer[1] - m // 2
    gap = m // 2
    if w > h * 1.2:  # landscape: columns
        split = x0 + int((x1 - x0) * (0.55 if variant != 2 else 0.45))
        if variant == 1:
            return (x0, y0, split - gap, y1), (split + gap, y0, x1, y1), footer
        if variant == 2:
            return (split + gap, y0, x1, y1), (x0, y0, split - gap, y1), footer
        return (x0, y0, x1, y1), (x0 + int((x1 - x0) * 0.52), y0 + gap * 2, x1 - gap, y1 - gap), footer
    split = y0 + int((y1 - y0) * (0.5 if variant != 2 else 0.44))
    if variant == 1:
        return (x0, y0, x1, split - gap), (x0, split + gap, x1, y1), footer
    if variant == 2:
        return (x0, split + gap, x1, y1), (x0, y0, x1, split - gap), footer
    return (x0, y0, x1, y1), (x0 + gap, y0 + int((y1 - y0) * 0.56), x1 - gap, y1 - gap), footer


def _clear_w(img: Image.Image, x_left: int, x_right: int, y: int) -> int:
    """Width available from `x_left` at row `y`: up to `x_right` but never under the banner."""
    return max(40, min(x_right, banner_clear_x(img.width, img.height, y)) - x_left)


def _draw_visual(img: Image.Image, frame: Rect, block: Rect, brief: ImageBrief, variant: int, u: float) -> None:
    """The wireframe picture box: a crossed frame with what the picture should show.

    Its text stays clear of the copy block (which overlaps the frame in variant 3) and the banner.
    """
    d = ImageDraw.Draw(img, "RGBA")
    x0, y0, x1, y1 = frame
    d.rectangle(frame, fill=(255, 255, 255, 60), outline=(255, 255, 255, 230), width=max(2, int(4 * u)))
    d.line((x0, y0, x1, y1), fill=(255, 255, 255, 70), width=max(1, int(2 * u)))
    d.line((x0, y1, x1, y0), fill=(255, 255, 255, 70), width=max(1, int(2 * u)))
    pad = int(28 * u)
    overlaps = block[0] < x1 and block[1] < y1 and block[2] > x0 and block[3] > y0
    text_right = block[0] - int(10 * u) if overlaps and block[0] > x0 + (x1 - x0) // 3 else x1
    text_bottom = block[1] - int(10 * u) if overlaps and text_right == x1 else y1
    left = x0 + pad
    label = f"VISUAL · {brief.style}"
    y = y0 + pad
    small = get_font(int(26 * u), bold=True)
    label_line = wrap_text(d, label, small, _clear_w(img, left, text_right - pad, y), 1)[0]
    d.rectangle((left - 8, y - 4, left + text_width(d, label_line, small) + 8, y + line_height(small)), fill=(0, 0, 0, 170))
    y = draw_lines(d, [label_line], small, left, y, (255, 255, 255)) + int(12 * u)
    blocks = [(f"Variation {variant - 1}: {brief.variations[variant - 2]}", True)] if variant > 1 else []
    blocks += [(brief.visual_description, False), (f"Composition: {brief.composition}", False)]
    for text, strong in blocks:
        room = text_bottom - pad - y - int(18 * u)
        if room < line_height(get_font(int(18 * u))):
            break
        width = _clear_w(img, left, text_right - pad, y)
        font, lines = fit_text(d, text, width, 7 if strong else 10, int((40 if strong else 32) * u), int(18 * u), strong, max_height=room)
        d.rectangle((left - 10, y - 6, left + width + 10, y + len(lines) * line_height(font) + 4), fill=(0, 0, 0, 120 if strong else 90))
        y = draw_lines(d, lines, font, left, y, (255, 255, 255)) + int(18 * u)


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio of two colours (1 = none, 21 = black on white)."""
    def lum(c: RGB) -> float:
        r, g, b_ = ((v / 255) ** 2.2 for v in c)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def pick_accent(preferred: list[RGB], card: RGB) -> RGB:
    """The first preferred palette colour that stands out on the card (else the best one)."""
    for colour in preferred:
        if contrast(colour, card) >= 2.2:
            return colour
    return max(preferred, key=lambda c: contrast(c, card))


def _draw_copy(img: Image.Image, block: Rect, brief: ImageBrief, variant: int, palette: list[RGB], u: float) -> None:
    """Headline, subheadline and the CTA button on a card (light, dark or bright per variant)."""
    d = ImageDraw.Draw(img, "RGBA")
    x0, y0, x1, y1 = block
    card: RGB = (12, 12, 16) if variant == 2 else (255, 255, 255)
    ink = ink_for(card)
    d.rounded_rectangle(block, radius=int(24 * u), fill=card + ((200,) if variant == 2 else (228,)))
    pad = int(36 * u)
    left = x0 + pad
    cta_font = get_font(int(42 * u), bold=True)
    cta_h = line_height(cta_font) + int(36 * u)
    room = y1 - y0 - 2 * pad - cta_h - int(24 * u)
    head_w = _clear_w(img, left, x1 - pad, y0 + pad)
    size = int(88 * u)
    head_font, head = fit_text(d, brief.headline, head_w, 4, size, int(24 * u), bold=True)
    while len(head) * line_height(head_font) > room * 0.7 and size > 12:
        size = int(size * 0.85)
        head_font, head = fit_text(d, brief.headline, head_w, 4, size, 10, bold=True)
    y = draw_lines(d, head, head_font, left, y0 + pad, ink) + int(14 * u)
    sub_bottom = y1 - pad - cta_h - int(20 * u)
    if brief.subheadline and sub_bottom - y >= line_height(get_font(int(24 * u))):
        sub_font, sub = fit_text(d, brief.subheadline, _clear_w(img, left, x1 - pad, y), 4, int(44 * u), int(24 * u), max_height=sub_bottom - y)
        draw_lines(d, sub, sub_font, left, y, ink)
    order = {1: palette[::-1], 2: palette, 3: palette[1:] + palette[:1]}[variant]
    accent = pick_accent(order, card)
    cta = wrap_text(d, brief.cta.upper(), cta_font, x1 - x0 - 2 * pad - int(80 * u), 1)[0]
    bw = text_width(d, cta, cta_font) + int(80 * u)
    bx = left if variant != 3 else x0 + (x1 - x0 - bw) // 2
    by = y1 - pad - cta_h
    d.rounded_rectangle((bx, by, bx + bw, by + cta_h), radius=cta_h // 2, fill=accent)
    d.text((bx + int(40 * u), by + int(18 * u)), cta, font=cta_font, fill=ink_for(accent))


def _draw_footer(img: Image.Image, footer: Rect, palette: list[RGB], creative_name: str, persona: str, variant: int, u: float) -> None:
    """Palette swatches, then the variant/persona and the creative name (the key platforms carry back)."""
    d = ImageDraw.Draw(img, "RGBA")
    x0, y0, x1, y1 = footer
    d.rectangle(footer, fill=(0, 0, 0, 150))
    small = get_font(max(8, int(22 * u)))
    sw = min(int((y1 - y0) * 0.7), 2 * line_height(small))
    x = x0 + int(12 * u)
    sy = y0 + (y1 - y0 - sw) // 2
    for colour in palette:
        d.rectangle((x, sy, x + sw, sy + sw), fill=colour, outline=(255, 255, 255), width=max(1, int(2 * u)))
        x += sw + int(10 * u)
    x += int(10 * u)
    ty = y0 + (y1 - y0 - 2 * line_height(small)) // 2
    info = f"OFFLINE PROOF · V{variant}" + (f" · persona: {persona}" if persona else "")
    room = x1 - x - int(12 * u)
    draw_lines(d, wrap_text(d, info, small, room, 1), small, x, ty, (240, 240, 240))
    name_font, name = fit_text(d, creative_name, room, 1, int(22 * u), max(7, int(13 * u)), bold=True)
    draw_lines(d, name, name_font, x, ty + line_height(small), (255, 255, 255))


def render_layout_proof_image(brief: ImageBrief, creative_name: str, variant: int = 1, persona: str = "", scale: float = 1.0) -> Image.Image:
    """The proof as a Pillow RGB image; `render_layout_proof` encodes it."""
    img, u, pal = proof_canvas(brief, variant, scale)
    w, h = img.size
    visual, block, footer = _regions(w, h, variant)
    _draw_visual(img, visual, block, brief, variant, u)
    _draw_copy(img, block, brief, variant, pal, u)
    _draw_footer(img, footer, pal, creative_name, persona, variant, u)
    draw_banner(img)
    return img


def render_layout_proof(brief: ImageBrief, creative_name: str, variant: int = 1, persona: str = "", scale: float = 1.0) -> bytes:
    """PNG bytes of the layout proof for `variant` (1 = primary, 2/3 = the brief's variations)."""
    return png_bytes(render_layout_proof_image(brief, creative_name, variant, persona, scale))


def proof_canvas(brief: ImageBrief, variant: int, scale: float) -> tuple[Image.Image, float, list[RGB]]:
    """What every offline proof (layout or clean plate) starts from: the variant's gradient in the
    brief's palette, the unit (1.0 at 1080 px) and the palette as RGB."""
    if variant not in (1, 2, 3):
        raise ValueError(f"variant must be 1, 2 or 3, got {variant}")
    w, h = canvas_size(brief.aspect_ratio, scale)
    pal = [hex_rgb(c) for c in brief.palette]
    start, end, kind = {1: (pal[0], pal[1], "vertical"), 2: (pal[1], pal[0], "horizontal"), 3: (pal[-1], pal[0], "radial")}[variant]
    return gradient((w, h), start, end, kind), min(w, h) / 1080, pal


def png_bytes(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=3)
    return buf.getvalue()
