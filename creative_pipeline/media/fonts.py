"""Fonts and text fitting for the offline renders (layout proofs, video cards, contact sheets).

Why not just `ImageFont.load_default(size=...)`: Pillow's bundled font (Aileron) has no glyphs
for accented letters or the em dash, so "Café — 20 % off" renders as boxes. DejaVu covers them,
and it ships inside matplotlib (a project dependency), so it is there on a fresh machine with only
pip packages; system DejaVu is the second choice and Pillow's bundled font the last, with text
folded to ASCII so it still reads.
"""

from __future__ import annotations

import importlib.util
import math
import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import ImageDraw, ImageFont

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

_SYSTEM_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF"), Path("/usr/share/fonts/dejavu"))
_ASCII_FALLBACKS = {"\u2014": "-", "\u2013": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "..."}


def _candidate_dirs() -> list[Path]:
    dirs: list[Path] = []
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin:
        dirs.append(Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf")
    dirs.extend(_SYSTEM_DIRS)
    return dirs


@lru_cache(maxsize=2)
def font_path(bold: bool = False) -> Path | None:
    """The TTF in use (None = Pillow's bundled font); cached, the search runs once."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for directory in _candidate_dirs():
        if (directory / name).is_file():
            return directory / name
    return None


@lru_cache(maxsize=64)
def get_font(size: int, bold: bool = False, family: str | None = None) -> Font:
    """A scalable font of `size` px; cached because renders ask for the same few sizes.
    `family`: a brand kit's typeface (`media/brand_fonts.py`), the shipped font when absent."""
    from creative_pipeline.media.brand_fonts import brand_font_path

    size = max(6, int(size))
    path = (brand_font_path(family, bold) if family else None) or font_path(bold)
    if path is not None:
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def printable(text: str) -> str:
    """Text the chosen font can draw: unchanged with DejaVu, folded to ASCII for the fallback."""
    text = " ".join(text.split())
    if font_path(False) is not None:
        return text
    for src, dst in _ASCII_FALLBACKS.items():
        text = text.replace(src, dst)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def text_width(draw: ImageDraw.ImageDraw, text: str, font: Font) -> int:
    """Advance width in px (`textlength` is much cheaper than a bbox and what wrapping needs)."""
    return math.ceil(draw.textlength(text, font=font))


def line_height(font: Font) -> int:
    """Line pitch for `font`: ascent + descent plus a little leading."""
    if isinstance(font, ImageFont.FreeTypeFont):
        ascent, descent = font.getmetrics()
        return int((ascent + descent) * 1.12)
    return 12


def _longest_fitting_prefix(draw: ImageDraw.ImageDraw, word: str, font: Font, max_width: int) -> int:
    """Binary search: how many leading characters of `word` fit in `max_width` (at least 1)."""
    lo, hi = 1, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(draw, word[:mid], font) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Font, max_width: int, max_lines: int) -> tuple[list[str], bool]:
    """Greedy word wrap; stops as soon as more than `max_lines` would be needed (→ overflow=True)."""
    lines: list[str] = []
    current = ""
    for word in printable(text).split(" "):
        while word and text_width(draw, word, font) > max_width:  # a single word wider than the box
            cut = _longest_fitting_prefix(draw, word, font, max_width)
            joint = max(word.rfind("_", 0, cut), word.rfind("-", 0, cut))
            cut = joint + 1 if joint >= cut // 2 else cut  # break names like a_b_c after a separator
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{current} {word}".strip()
        if text_width(draw, candidate, font) <= max_width:
            current = candidate
        else:
            lines.append(current)
            current = word
        if len(lines) > max_lines:
            return lines, True
    if current:
        lines.append(current)
    return lines, len(lines) > max_lines


def wrap_text(draw: ImageDraw.ImageDraw, text: str, font: Font, max_width: int, max_lines: int = 99) -> list[str]:
    """Word wrap to `max_width` px; over-long words are cut, overflow ends in an ellipsis."""
    lines, overflow = _wrap(draw, text, font, max_width, max_lines)
    if not overflow:
        return lines
    lines = lines[:max_lines]
    ellipsis = printable("…")
    last = lines[-1]
    while last and text_width(draw, last + ellipsis, font) > max_width:
        last = last[:-1].rstrip()
    lines[-1] = last + ellipsis
    return lines


def fit_text(
    draw: ImageDraw.ImageDraw, text: str, max_width: int, max_lines: int, start_size: int, min_size: int,
    bold: bool = False, max_height: int | None = None, family: str | None = None,
) -> tuple[Font, list[str]]:
    """The largest font (from `start_size` down) at which `text` fits in `max_lines` lines
    (and in `max_height` px when given); at `min_size` the overflow is cut with an ellipsis."""
    size = start_size
    while True:
        font = get_font(size, bold, family)
        lines_allowed = max_lines if max_height is None else max(1, min(max_lines, max_height // line_height(font)))
        lines, overflow = _wrap(draw, text, font, max_width, lines_allowed)
        if not overflow:
            return font, lines
        if size <= min_size:
            return font, wrap_text(draw, text, font, max_width, lines_allowed)
        size = max(min_size, int(size * 0.88))


def draw_lines(
    draw: ImageDraw.ImageDraw, lines: list[str], font: Font, x: int, y: int, fill: str | tuple[int, ...],
    align_width: int | None = None, stroke: int = 0,
) -> int:
    """Draw `lines` from (x, y), centred in `align_width` when given; returns the y below them."""
    pitch = line_height(font)
    for line in lines:
        dx = (align_width - text_width(draw, line, font)) // 2 if align_width else 0
        draw.text((x + dx, y), line, font=font, fill=fill, stroke_width=stroke, stroke_fill=fill)
        y += pitch
    return y
