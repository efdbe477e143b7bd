"""Read a brand kit out of what the site shows: colours, typeface, tone of voice, logo.

Pure rules, each explainable (a marketer can see why a value is there):
- colours: the logo's own colours first (Pillow median-cut quantisation, `brand_images`), then
  the page's CSS colours (theme-color, styles: `CompanyContext.brand_colors`), at most 6;
- typeface: the first CSS font-family of the headings (else the body), mapped to a family the
  project renders (`brand_fonts.map_css_font`); `font_source` keeps what the site asked for;
- tone of voice: up to 5 words from a small lexicon, each kept only with the sentence of the
  page that shows it (its evidence). No sentence, no word: the kit never invents a tone.
"""

from __future__ import annotations

import re

from creative_pipeline.domain.brand import MAX_KIT_COLORS, MAX_TONE_WORDS, BrandKit, ToneWord
from creative_pipeline.media.brand_fonts import DEFAULT_FONT, map_css_font

# word -> the phrases that show it (lower-case regex); order = priority when many match.
TONE_LEXICON: dict[str, str] = {
    "premium": r"\b(barista-grade|premium|artisan\w*|small-batch|hand-?crafted|craft\w*|luxur\w+|single-origin|finest)\b",
    "friendly": r"\b(loved by|you'll love|we'd love|hey|say hello|happy to help|join \d)",
    "simple": r"\b(easy|simple|effortless|no (?:machine|fuss|hassle|setup)|in \d+ (?:seconds|minutes)|done\b)",
    "trustworthy": r"\b(trusted by|proven|certified|guarantee\w*|money-back|secure|\d[\d,]* (?:customers|reviews|home))",
    "energetic": r"(!|\b(boost|energi\w+|power\w*|fast|instant\w*)\b)",
    "caring": r"\b(sustainab\w+|recyclable|eco-?friendly|organic|ethical\w*|planet|gentle)\b",
    "playful": r"\b(fun|delight\w*|yum\w*|treat yourself|oops|woo)\b",
    "expert": r"\b(science|clinically|engineer\w*|research\w*|steeped for \d+ hours|\d+ years? of)\b",
}
_SENTENCES = re.compile(r"(?<=[.!?])\s+")


def tone_of_voice(texts: list[str]) -> list[ToneWord]:
    """Tone words with the first page sentence that shows each one (document order)."""
    sentences = [s.strip() for t in texts if t for s in _SENTENCES.split(t) if s.strip()]
    words: list[ToneWord] = []
    for word, pattern in TONE_LEXICON.items():
        rule = re.compile(pattern, re.IGNORECASE)
        evidence = next((s for s in sentences if rule.search(s)), None)
        if evidence is not None:
            words.append(ToneWord(word=word, evidence=evidence[:300]))
        if len(words) >= MAX_TONE_WORDS:
            break
    return words


def read_kit(logo_colors: list[str], page_colors: list[str], font_families: list[str], texts: list[str],
             logo_path: str | None, source: str) -> BrandKit:
    """The kit for one read of the site (or of the UVP alone, `source="uvp_only"`)."""
    colors = list(dict.fromkeys(c.upper() for c in [*logo_colors, *page_colors]))[:MAX_KIT_COLORS]
    family = font_families[0] if font_families else ""
    return BrandKit(
        colors=colors, font=map_css_font(family) if family else DEFAULT_FONT, font_source=family,
        tone=tone_of_voice(texts), logo_path=logo_path, source=source,  # type: ignore[arg-type]
    )
