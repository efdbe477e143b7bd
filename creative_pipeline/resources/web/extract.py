"""Distil a fetched HTML page into a CompanyContext: what downstream prompts need, nothing more.

Scraped HTML is untrusted input. BeautifulSoup with "html.parser" only parses (no scripts, no
network, no entity expansion beyond HTML's own), every output field is capped, and control /
zero-width characters are removed so hidden text cannot smuggle instructions into prompts
unnoticed. The offer, audience and keyword rules are heuristics, documented where they live.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from bs4 import BeautifulSoup, Tag

from creative_pipeline.domain.company import CompanyContext

MAX_HTML_CHARS = 3_000_000
MAX_MAIN_TEXT = 6000
MAX_HEADINGS = 20
MAX_KEYWORDS = 15
MAX_COLORS = 5
MAX_CUES = 8
MAX_FIELD = 300
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_BLOCK_TAGS = [
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
    "main", "aside", "br", "tr", "td", "th", "table", "blockquote", "dt", "dd", "figcaption", "button",
    "form", "address", "pre", "hr",
]
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# Offer, two tiers. Strong: a price ($19, 9 €), a percentage, or free / trial / discount /
# coupon / promo / "save" / money-back ("feel free" and "hands-free" excluded). Weak: the bare
# words price / pricing / sale / deal, used only when no strong sentence exists and the sentence
# has at least 4 words (so a "Pricing" menu label or heading is not mistaken for an offer).
_OFFER_STRONG = re.compile(
    r"[$€£¥]\s?\d|\d\s?[$€£%]|\b(?:(?<!feel )(?<!hands-)free|trial|discount(?:ed)?|off your|save|"
    r"coupon|promo(?: code)?|per month|/mo(?:nth)?|money[- ]back)\b",
    re.IGNORECASE,
)
_OFFER_WEAK = re.compile(r"\b(?:price[sd]?|pricing|sale|deals?)\b", re.IGNORECASE)
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


def _clean(text: str, cap: int = MAX_FIELD) -> str:
    """Invisible characters out, whitespace collapsed, length capped (on a word boundary if near)."""
    text = " ".join(_INVISIBLE.sub(" ", text).split())
    if len(text) <= cap:
        return text
    cut = text[:cap]
    return cut.rsplit(" ", 1)[0] if " " in cut[cap // 2 :] else cut


def _meta(soup: BeautifulSoup, *keys: str) -> str:
    """The first non-empty <meta name|property=key content=...> among `keys`."""
    for key in keys:
        for tag in soup.find_all("meta"):
            if key in {str(tag.get("name", "")).lower(), str(tag.get("property", "")).lower()}:
                if value := _clean(str(tag.get("content", ""))):
                    return value
    return ""


def _remove(tags: Iterable[Tag]) -> None:
    """Decompose `tags`; one inside an already removed tag was wiped with it (name "") and is
    skipped. Not `Tag.decomposed`: on a live tag it falls back to a subtree search (O(n²))."""
    for tag in tags:
        if tag.name:
            tag.decompose()


def _is_hidden(tag: Tag) -> bool:
    style = str(tag.get("style", "")).replace(" ", "").lower()
    return (
        tag.has_attr("hidden")
        or str(tag.get("aria-hidden", "")).lower() == "true"
        or "display:none" in style
        or "visibility:hidden" in style
    )


def _drop_hidden(soup: BeautifulSoup) -> None:
    """Remove elements a visitor cannot see (hidden, aria-hidden, inline display:none): text a
    person never reads is not the company's message, and is a known prompt-injection hiding place."""
    _remove([tag for tag in soup.find_all(True) if _is_hidden(tag)])


def _headings(soup: BeautifulSoup) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for tag in soup.find_all(["h1", "h2", "h3"]):
        text = _clean(tag.get_text(" "), 200)
        if text and text.lower() not in seen:
            seen.add(text.lower())
            out.append(text)
        if len(out) >= MAX_HEADINGS:
            break
    return out


def _blocks(soup: BeautifulSoup) -> list[str]:
    """Visible text, one line per block element, boilerplate removed (mutates `soup`).

    Inline tags are joined as a browser would ("Get <b>50%</b> off" stays one sentence); block
    elements get line breaks so separate paragraphs never run into one sentence.
    """
    _remove(soup.find_all(["script", "style", "nav", "footer", "noscript", "svg", "template", "iframe", "head", "object"]))
    root = soup.body or soup
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert(0, "\n")
        tag.append("\n")
    lines = (_clean(line, 2000) for line in root.get_text().split("\n"))
    return [line for line in lines if line]


def _sentences(blocks: Iterable[str]) -> Iterable[str]:
    for block in blocks:
        yield from (s for s in _SENTENCE_END.split(block) if s)


def find_offer(blocks: Iterable[str]) -> str:
    """The first sentence (document order) with a strong offer signal, else a weak one (see above)."""
    weak = ""
    for sentence in _sentences(blocks):
        if _OFFER_STRONG.search(sentence):
            return _clean(sentence)
        if not weak and _OFFER_WEAK.search(sentence) and len(sentence.split()) >= 4:
            weak = _clean(sentence)
    return weak


def find_audience_cues(blocks: Iterable[str]) -> list[str]:
    """Phrases naming who the product is for ("for busy parents", "designed for remote teams")."""
    cues: list[str] = []
    for sentence in _sentences(blocks):
        for match in _AUDIENCE.finditer(sentence):
            cue = _clean(match.group(0).rstrip(".,;:!?"), 80)
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
    theme = _meta(soup, "theme-color", "msapplication-tilecolor")
    for color in css_colors(theme, in_value=True):
        counts[color] += 5
    for tag in soup.find_all(style=True):
        counts.update(css_colors(str(tag.get("style", "")), in_value=True))
    for tag in soup.find_all("style"):
        counts.update(css_colors(tag.get_text()))
    ranked = [color for color, _ in counts.most_common()]
    coloured = [c for c in ranked if c not in {"#FFFFFF", "#000000"}]
    return (coloured or ranked)[:MAX_COLORS]


def extract_context(html: str, final_url: str) -> CompanyContext:
    """Parse `html` (capped at 3 MB of text) from `final_url` into a website CompanyContext."""
    html = _SURROGATES.sub("\ufffd", html[:MAX_HTML_CHARS])  # lone surrogates crash the parser
    soup = BeautifulSoup(html, "html.parser")
    title_tag = soup.find("title")
    og_title = _meta(soup, "og:title", "twitter:title")
    title = _clean(title_tag.get_text(" ") if isinstance(title_tag, Tag) else "") or og_title
    description = _meta(soup, "description", "og:description", "twitter:description")
    brand_colors = find_brand_colors(soup)
    meta_keywords = _meta(soup, "keywords")
    _drop_hidden(soup)
    headings = _headings(soup)
    blocks = _blocks(soup)
    main_text = _clean(" ".join(blocks), MAX_MAIN_TEXT)
    if meta_keywords:
        keywords = list(dict.fromkeys(k for k in (_clean(k, 40).lower() for k in meta_keywords.split(",")) if k))
    else:  # title and headings say what the page is about: they weigh 3x body text
        keywords = keywords_from_text(title, " ".join(headings), main_text, weights=[3, 3, 1])
    return CompanyContext(
        title=title or (headings[0] if headings else ""),
        description=description,
        headings=headings,
        main_text=main_text,
        offer=find_offer([*blocks, description]),
        audience_cues=find_audience_cues([description, *blocks]),
        keywords=keywords[:MAX_KEYWORDS],
        brand_colors=brand_colors,
        final_url=final_url,
        source="website",
    )
