"""The typefaces a brand kit can name, and how a site's CSS font-family maps onto them.

Nothing is fetched at run time: a brand's web font (Poppins, Playfair Display, ...) is mapped to
the closest family the project can always render — DejaVu Sans / Serif / Sans Mono, which ship
inside matplotlib (a dependency), so a fresh machine with only pip packages has them. The mapping
goes by the family's style (serif, monospace, sans-serif), which is what a viewer notices first.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

FONT_FILES: dict[str, tuple[str, str]] = {  # family -> (regular, bold) file names
    "DejaVu Sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "DejaVu Serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    "DejaVu Sans Mono": ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"),
}
DEFAULT_FONT = "DejaVu Sans"
_SERIF = re.compile(
    r"\b(serif|georgia|times|garamond|playfair|merriweather|lora|baskerville|bodoni|didot|caslon|"
    r"libre baskerville|crimson|cormorant|pt serif|source serif|noto serif|dm serif|abril|prata|spectral)\b", re.I)
_MONO = re.compile(r"\b(monospace|mono|courier|consolas|menlo|monaco|fira code|jetbrains|inconsolata)\b", re.I)
_SANS_SERIF = re.compile(r"\bsans-serif\b", re.I)


def map_css_font(family: str) -> str:
    """The renderable family for a CSS `font-family` value: the first family's style when it is
    known, else the generic fallback the site names (`..., serif`), else sans-serif."""
    for part in [family.split(",")[0], family]:
        if _MONO.search(part):
            return "DejaVu Sans Mono"
        if _SERIF.search(_SANS_SERIF.sub("", part)):
            return "DejaVu Serif"
        if _SANS_SERIF.search(part):
            return DEFAULT_FONT
    return DEFAULT_FONT


def normalise_font(name: str) -> str:
    """A family the user typed ("serif", "dejavu serif", "Playfair Display") as a renderable one."""
    for family in FONT_FILES:
        if name.strip().lower() == family.lower():
            return family
    return map_css_font(name)


def _font_dirs() -> list[Path]:
    dirs = []
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.origin:
        dirs.append(Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf")
    dirs += [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF")]
    return dirs


@lru_cache(maxsize=16)
def brand_font_path(family: str, bold: bool = False) -> Path | None:
    """The TTF file of `family` (None when no copy is on this machine: callers use media.fonts)."""
    files = FONT_FILES.get(family, FONT_FILES[DEFAULT_FONT])
    name = files[1] if bold else files[0]
    return next((d / name for d in _font_dirs() if (d / name).is_file()), None)
