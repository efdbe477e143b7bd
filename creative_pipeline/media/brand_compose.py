"""The offline proofs show the brand's real product: its photo composed into the picture box.

The offline provider has no image model, so "generated with the product as a reference" becomes,
in a layout proof, the product photo itself placed in the proof's picture box (below the box's
description text, clear of the copy block), on a white card with a thin caption saying it is
the brand's reference photo. Each variant's box is elsewhere, so the three proofs differ.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageOps

from creative_pipeline.domain.brief import AspectRatio
from creative_pipeline.media.fonts import draw_lines, fit_text
from creative_pipeline.media.layout_renderer import BASE_SIZES, _regions

CAPTION = "brand product photo (reference)"
Box = tuple[float, float, float, float]  # left, top, right, bottom as fractions of the canvas


def product_box(aspect_ratio: AspectRatio, variant: int) -> Box:
    """Where the card goes in a layout proof: the lower part of the picture box (its top holds
    the description text), above the copy block where the two overlap (variant 3)."""
    w, h = BASE_SIZES[aspect_ratio]
    (x0, y0, x1, y1), block, _ = _regions(w, h, variant)
    if block[1] > y0 and block[0] < x1 and block[2] > x0:  # the copy block overlaps the picture box
        y1 = min(y1, block[1])
        x1 = block[0] if block[1] <= y0 + (y1 - y0) // 2 and block[0] > x0 else x1
    top = y0 + int((y1 - y0) * 0.42)
    return x0 / w, top / h, x1 / w, y1 / h


def compose_product(proof_png: bytes, product: bytes, box: Box) -> bytes:
    """`proof_png` with the product photo on a card centred in `box`; PNG bytes."""
    with Image.open(io.BytesIO(proof_png)) as opened:
        canvas = opened.convert("RGB")
    with Image.open(io.BytesIO(product)) as opened:
        photo = ImageOps.exif_transpose(opened).convert("RGB")
    w, h = canvas.size
    left, top, right, bottom = int(w * box[0]), int(h * box[1]), int(w * box[2]), int(h * box[3])
    pad = max(4, int(min(w, h) * 0.012))
    caption_h = max(10, int(min(w, h) * 0.03))
    photo.thumbnail((int((right - left) * 0.8), max(8, bottom - top - 4 * pad - caption_h)), Image.Resampling.LANCZOS)
    card_w, card_h = photo.width + 2 * pad, photo.height + 2 * pad + caption_h
    x = left + (right - left - card_w) // 2
    y = top + (bottom - top - card_h) // 2
    draw = ImageDraw.Draw(canvas)
    draw.rounded_rectangle((x, y, x + card_w, y + card_h), radius=pad * 2, fill=(255, 255, 255), outline=(30, 30, 30),
                           width=max(1, pad // 3))
    canvas.paste(photo, (x + pad, y + pad))
    font, lines = fit_text(draw, CAPTION, card_w - 2 * pad, 1, int(caption_h * 0.8), 6)
    draw_lines(draw, lines, font, x + pad, y + pad + photo.height + max(1, pad // 2), (60, 60, 60), align_width=card_w - 2 * pad)
    out = io.BytesIO()
    canvas.save(out, format="PNG", compress_level=3)
    return out.getvalue()
