"""A contact sheet of a company's winners: one PNG a reviewer (or Dagster metadata) can glance at.

Grid of the primary images, each captioned with rank, creative name, final score and persona,
under a title row. Width is capped (≤ 2000 px) so it previews well in the Dagster UI and in
a browser without zooming.
"""

from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw
from pydantic import BaseModel, Field

from creative_pipeline.media.fonts import draw_lines, fit_text, get_font, line_height, wrap_text
from creative_pipeline.media.thumbnails import load_rgb

MAX_COLUMNS = 5
CELL_W = 360
BACKGROUND = (246, 246, 248)
INK = (20, 20, 24)


class ContactItem(BaseModel):
    """One winner on the sheet."""

    image_png: bytes = Field(repr=False)
    creative_name: str
    final_score: float
    persona: str = ""
    rank: int = Field(ge=1)


def grid_shape(count: int) -> tuple[int, int]:
    """(columns, rows): at most 5 columns, balanced rows — 10 → 5×2, 3 → 3×1, 7 → 4×2."""
    if count <= 0:
        return 0, 0
    rows = math.ceil(count / MAX_COLUMNS)
    cols = math.ceil(count / rows)
    return cols, rows


def _caption(d: ImageDraw.ImageDraw, item: ContactItem, x: int, y: int, width: int) -> None:
    head = get_font(22, bold=True)
    small = get_font(15)
    d.text((x, y), f"#{item.rank}", font=head, fill=INK)
    score = f"{item.final_score:.1f}"
    d.text((x + width - d.textbbox((0, 0), score, font=head)[2], y), score, font=head, fill=(30, 110, 60))
    y += line_height(head)
    name_font, name_lines = fit_text(d, item.creative_name, width, 2, 15, 11, bold=True)
    y = draw_lines(d, name_lines, name_font, x, y, INK)
    if item.persona:
        draw_lines(d, wrap_text(d, f"Persona: {item.persona}", small, width, 1), small, x, y, (90, 90, 100))


def contact_sheet_png(items: list[ContactItem], title: str = "Top creatives", cell_width: int = CELL_W) -> bytes:
    """PNG grid of `items` in rank order; the cell height follows the tallest image's aspect."""
    if not items:
        raise ValueError("a contact sheet needs at least one item")
    items = sorted(items, key=lambda i: i.rank)
    cols, rows = grid_shape(len(items))
    gap = 16
    cell_w = min(cell_width, (2000 - gap * (cols + 1)) // cols)
    images = [load_rgb(i.image_png) for i in items]
    ratio = max(img.height / img.width for img in images)
    img_h = int(cell_w * min(ratio, 2.0))
    caption_h = line_height(get_font(22, bold=True)) + 2 * line_height(get_font(15, bold=True)) + line_height(get_font(15)) + 8
    title_h = line_height(get_font(34, bold=True)) + 2 * gap
    width = cols * cell_w + (cols + 1) * gap
    height = title_h + rows * (img_h + caption_h + gap) + gap
    sheet = Image.new("RGB", (width, height), BACKGROUND)
    d = ImageDraw.Draw(sheet)
    title_font, title_lines = fit_text(d, f"{title} · {len(items)} creatives", width - 2 * gap, 1, 34, 14, bold=True)
    draw_lines(d, title_lines, title_font, gap, gap, INK)
    for n, (item, img) in enumerate(zip(items, images)):
        x = gap + (n % cols) * (cell_w + gap)
        y = title_h + (n // cols) * (img_h + caption_h + gap)
        fitted = img.copy()
        fitted.thumbnail((cell_w, img_h), Image.Resampling.LANCZOS, reducing_gap=2.0)  # reduce first: much faster
        d.rectangle((x, y, x + cell_w - 1, y + img_h - 1), fill=(225, 225, 230))
        sheet.paste(fitted, (x + (cell_w - fitted.width) // 2, y + (img_h - fitted.height) // 2))
        _caption(d, item, x, y + img_h + 6, cell_w)
    buf = io.BytesIO()
    sheet.save(buf, format="PNG", compress_level=3)
    return buf.getvalue()
