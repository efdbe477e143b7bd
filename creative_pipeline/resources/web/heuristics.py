"""Heuristics that read meaning out of page text: the offer, the audience, keywords and brand
colours. Each rule is documented where it lives; all outputs are capped (scraped text is
untrusted)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from bs4 import BeautifulSoup

MAX_KEYWORDS = 15
MAX_COLORS = 5
MAX_CUES = 8
MAX_FIELD = 300
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Offer: only a sentence that states one (issue 15: an invented offer is worse than none). A
# discount ("50% off", "$10 off", "save 20%", coupon / promo code, discount), a free trial or
# free shipping / delivery / returns / first box, "try it free" / "start for free", "N days free",
# a money-back / satisfaction guarantee, buy-one-get-one. "Feel free", "sugar-free", a bare
# price ("Plans from $9/month") or a "Pricing" label is not an offer.
_OFFER = re.compile(
    r"\d\s?%\s?off\b|[$€£¥]\s?\d[\d.,]*\s?off\b|\d\s?[$€£]\s?off\b|\bsave (?:up to )?[$€£]?\d|"
    r"\b(?:discount(?:ed)?|coupon|promo(?:tion)? code|voucher)\b|"
    r"\bfree (?:trial|shipping|delivery|returns?|gift|sample|consultation|demo|first (?:box|month|order|lesson|class))\b|"
    r"\b(?:try|start|get started|sign up|join)(?: it| now| today)? (?:for )?free\b|\bfor free\b|"
    r"\b\d+[- ](?:day|week|month)s?[- ](?:free|trial)\b|\b(?:first|1st) (?:box|month|order|lesson) (?:free|on us)\b|"
    r"\b(?:money[- ]back|satisfaction|price[- ]match)(?: guarantee)?\b|\bguarantee(?:d)?\b|"
    r"\bbuy one,? get one\b|\bBOGO\b",
    re.IGNORECASE,
)
_AUDIENCE_NOUNS = (
    r"teams?|parents|moms|dads|families|kids|students|teachers|founders|startups|(?:small )?businesses|"
    r"companies|agencies|marketers|developers|designers|creators|freelancers|professionals|people|"
    r"women|men|seniors|runners|athletes|travell?ers|gamers|shoppers|(?:home|pet|dog|cat|shop|store) ?owners|"
    r"beginners|experts|enterprises|retailers|brands|clinics|doctors|nurses|engineers|sellers|"
    r"entrepreneurs|readers|cooks|chefs|musicians|artists|coaches|investors|patients|homeowners|"
    r"remote workers|commuters|everyone|anyone|busy \w+"
)
# Audience: "<designed|built|...> for <up to 6 words>", "<loved|trusted|used> by <up to 6 words>",
# or "for [up to 3 words] <audience noun>" (e.g. "for busy parents", "for small businesses").
_AUDIENCE = re.compile(
    r"\b(?:(?:designed|built|made|perfect|ideal|tailored|crafted|created|great)\s+for|(?:loved|trusted|used)\s+by)\s+"
    r"[\w'’&+-]+(?:,\d{3})*(?:\s+[\w'’&-]+){0,5}"
    rf"|\bfor\s+(?:[a-z][\w-]*\s+){{0,3}}?(?:{_AUDIENCE_NOUNS})\b",
    re.IGNORECASE,
)
# One linear scan over CSS: punctuation tracks whether we are in a value (after ":") or in a
# selector, so an id selector that happens to be hex ("#fab {") is not taken for a colour.
_CSS_TOKEN = re.compile(
    r"(?P<punct>[{};:])|(?<![\w&(])#(?P<hex>[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b"
    r"|rgba?\(\s*(?P<r>\d{1,3})\s*,\s*(?P<g>\d{1,3})\s*,\s*(?P<b>\d{1,3})"
)
_WORD = re.compile(r"[a-zà-ÿ][a-zà-ÿ'’-]{2,}", re.IGNORECASE)
_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further get
    had has have having he her here hers him his how i if in into is it its itself just let like me
    more most my no nor not now of off on once only or other our ours out over own same she should so
    some such than that the their theirs them then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you your yours
    yourself us one two new use using used get got make made may might must need via per every much
    many well back way even see learn read click here home page menu login sign log cookie cookies
    privacy policy terms rights reserved copyright contact subscribe newsletter email skip content
    works how""".split()
)


def clean_text(text: str, cap: int = MAX_FIELD) -> str:
    """Invisible characters out, whitespace collapsed, length capped (on a word boundary if near)."""
    text = " ".join(_INVISIBLE.sub(" ", text).split())
    if len(text) <= cap:
        return text
    cut = text[:cap]
    return cut.rsplit(" ", 1)[0] if " " in cut[cap // 2 :] else cut


def meta_content(soup: BeautifulSoup, *keys: str) -> str:
    """The first non-empty <meta name|property=key content=...> among `keys` (in key order)."""
    metas = soup.find_all("meta")  # once: a hostile page may carry thousands of them
    for key in keys:
        for tag in metas:
            if key in {str(tag.get("name", "")).lower(), str(tag.get("property", "")).lower()}:
                if value := clean_text(str(tag.get("content", ""))):
                    return value
    return ""


def sentences(blocks: Iterable[str]) -> Iterable[str]:
    """Each block split after . ! or ? (empty pieces dropped)."""
    for block in blocks:
        yield from (s for s in _SENTENCE_END.split(block) if s)


def find_offer(blocks: Iterable[str]) -> str:
    """The first sentence (document order) that states an offer (see `_OFFER`), else "" — never a
    placeholder: prompts say "no offer stated" and the model must not invent one."""
    for sentence in sentences(blocks):
        if _OFFER.search(sentence):
            return clean_text(sentence)
    return ""


def find_audience_cues(blocks: Iterable[str]) -> list[str]:
    """Phrases naming who the product is for ("for busy parents", "designed for remote teams")."""
    cues: list[str] = []
    for sentence in sentences(blocks):
        for match in _AUDIENCE.finditer(sentence):
            cue = clean_text(match.group(0).rstrip(".,;:!?"), 80)
            if cue.lower() not in {c.lower() for c in cues}:
                cues.append(cue)
            if len(cues) >= MAX_CUES:
                return cues
    return cues


def keywords_from_text(*texts: str, weights: Iterable[int] | None = None) -> list[str]:
    """Most frequent non-stopword terms, lower-case; ties keep first appearance. Max 15."""
    counts: Counter[str] = Counter()
    for text, weight in zip(texts, weights or [1] * len(texts), strict=False):
        for word in _WORD.findall(text.lower()):
            word = word.strip("'’-")
            if len(word) > 2 and word not in _STOPWORDS and not word.isdigit():
                counts[word] += weight
    return [word for word, _ in counts.most_common(MAX_KEYWORDS)]


def _normalise_hex(value: str) -> str:
    if len(value) in (3, 4):
        value = "".join(ch * 2 for ch in value[:3])
    return "#" + value[:6].upper()


def css_colors(css: str, in_value: bool = False) -> list[str]:
    """Colours used as values in `css` (hex or rgb()), as #RRGGBB, in order of appearance."""
    colors: list[str] = []
    for match in _CSS_TOKEN.finditer(css[:200_000]):
        if match["punct"]:
            in_value = match["punct"] == ":"
        elif in_value and match["hex"]:
            colors.append(_normalise_hex(match["hex"]))
        elif in_value and match["r"]:
            colors.append("#{:02X}{:02X}{:02X}".format(*(min(int(match[c]), 255) for c in "rgb")))
    return colors


def find_brand_colors(soup: BeautifulSoup) -> list[str]:
    """Hex (and rgb()) colours from theme-color, inline styles and <style>; most frequent first.

    theme-color is the site's declared brand colour, so it counts as 5 sightings. Pure white and
    black are dropped when any other colour exists (they are backgrounds and text, not brand).
    """
    counts: Counter[str] = Counter()
    theme = meta_content(soup, "theme-color", "msapplication-tilecolor")
    for color in css_colors(theme, in_value=True):
        counts[color] += 5
    for tag in soup.find_all(style=True):
        counts.update(css_colors(str(tag.get("style", "")), in_value=True))
    for tag in soup.find_all("style"):
        counts.update(css_colors(tag.get_text()))
    ranked = [color for color, _ in counts.most_common()]
    coloured = [c for c in ranked if c not in {"#FFFFFF", "#000000"}]
    return (coloured or ranked)[:MAX_COLORS]
