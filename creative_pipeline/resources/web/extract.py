"""Distil a fetched HTML page into a CompanyContext: what downstream prompts need, nothing more.

Scraped HTML is untrusted input. BeautifulSoup with "html.parser" only parses (no scripts, no
network, no entity expansion beyond HTML's own), every output field is capped, and control /
zero-width characters are removed so hidden text cannot smuggle instructions into prompts
unnoticed. The offer, audience and keyword rules are heuristics, documented where they live.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
from bs4.exceptions import ParserRejectedMarkup

from creative_pipeline.domain.company import CompanyContext
from creative_pipeline.resources.web.hidden import drop_hidden
from creative_pipeline.resources.web.heuristics import (
    MAX_KEYWORDS,
    clean_text,
    find_audience_cues,
    find_brand_colors,
    find_offer,
    keywords_from_text,
    meta_content,
)
from creative_pipeline.resources.web.proof import find_proof_points, verify_proof_points

MAX_HTML_CHARS = 3_000_000
MAX_MAIN_TEXT = 6000
MAX_HEADINGS = 20
MAX_REVIEW_TAGS = 50
# Where sites put reviews and testimonials: quotation elements, and blocks whose class says so.
_REVIEW_CLASS = re.compile(r"testimonial|review", re.IGNORECASE)
MIN_REVIEW_WORDS = 5  # "Write a review" buttons and star widgets are not reviews
_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
    "main", "aside", "br", "tr", "td", "th", "table", "blockquote", "dt", "dd", "figcaption", "button",
    "form", "address", "pre", "hr",
}
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def _remove(tags: Iterable[Tag]) -> None:
    """Decompose `tags`; one inside an already removed tag was wiped with it (name "") and is
    skipped. Not `Tag.decomposed`: on a live tag it falls back to a subtree search (O(n²))."""
    for tag in tags:
        if tag.name:
            tag.decompose()


def _headings(soup: BeautifulSoup) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for tag in soup.find_all(["h1", "h2", "h3"]):
        text = clean_text(tag.get_text(" "), 200)
        if text and text.lower() not in seen:
            seen.add(text.lower())
            out.append(text)
        if len(out) >= MAX_HEADINGS:
            break
    return out


def _lines(root: Tag) -> list[str]:
    lines = (clean_text(line, 2000) for line in _visible_text(root).split("\n"))
    return [line for line in lines if line]


def _reviews(soup: BeautifulSoup) -> list[str]:
    """The text of quoted reviews (<blockquote>, <q>, and the innermost elements whose class says
    review or testimonial: a "reviews" section holding several is not one review), lines joined
    as the page's visible text joins them, so each is a substring of it."""
    tags = soup.find_all(["blockquote", "q"], limit=MAX_REVIEW_TAGS)
    tags += [tag for tag in soup.find_all(class_=_REVIEW_CLASS, limit=MAX_REVIEW_TAGS)
             if tag.find(class_=_REVIEW_CLASS) is None and tag.find(["blockquote", "q"]) is None]
    texts = (" ".join(_lines(tag)) for tag in tags if tag.name not in {"script", "style", "template"})
    return [text for text in texts if len(text.split()) >= MIN_REVIEW_WORDS]


def _blocks(soup: BeautifulSoup) -> list[str]:
    """Visible text, one line per block element, boilerplate removed (mutates `soup`).

    Inline tags are joined as a browser would ("Get <b>50%</b> off" stays one sentence); block
    elements get line breaks so separate paragraphs never run into one sentence.
    """
    _remove(soup.find_all(["script", "style", "nav", "footer", "noscript", "svg", "template", "iframe", "head", "object"]))
    return _lines(soup.body or soup)


def _visible_text(root: Tag) -> str:
    """Text with a line break around each block element: one iterative pass (deep nesting is
    neither recursion nor tree surgery, both of which go quadratic or overflow on hostile pages)."""
    parts: list[str] = []
    stack: list[tuple[Iterator[PageElement], bool]] = [(iter(root.contents), False)]
    while stack:
        node = next(stack[-1][0], None)
        if node is None:
            if stack.pop()[1]:
                parts.append("\n")
        elif isinstance(node, Tag):
            block = node.name in _BLOCK_TAGS
            if block:
                parts.append("\n")
            stack.append((iter(node.contents), block))
        elif type(node) is NavigableString:  # not comments, doctypes, CDATA or processing instructions
            parts.append(str(node))
    return "".join(parts)


_DECLARATION = re.compile(r"<!(?!--)")


def _soup(html: str) -> BeautifulSoup:
    """html.parser rejects some malformed declarations (e.g. `<![0`) with an error instead of
    reading them as text; a hostile page must not crash the stage, so such declarations are
    neutralised and the page parsed again (as plain text if even that fails)."""
    for attempt in (html, _DECLARATION.sub("&lt;!", html)):
        try:
            return BeautifulSoup(attempt, "html.parser")
        except ParserRejectedMarkup:
            continue
    return BeautifulSoup(html.replace("<", "&lt;"), "html.parser")


def extract_context(html: str, final_url: str) -> CompanyContext:
    """Parse `html` (capped at 3 MB of text) from `final_url` into a website CompanyContext."""
    html = _SURROGATES.sub("\ufffd", html[:MAX_HTML_CHARS])  # lone surrogates crash the parser
    soup = _soup(html)
    title_tag = soup.find("title")
    og_title = meta_content(soup, "og:title", "twitter:title")
    title = clean_text(title_tag.get_text(" ") if isinstance(title_tag, Tag) else "") or og_title
    description = meta_content(soup, "description", "og:description", "twitter:description")
    brand_colors = find_brand_colors(soup)
    meta_keywords = meta_content(soup, "keywords")
    drop_hidden(soup)  # before any text is read: headings, reviews and body text alike
    headings = _headings(soup)
    reviews = _reviews(soup)
    blocks = _blocks(soup)
    visible = " ".join(blocks)  # nav/footer/scripts gone: what a visitor reads as the page
    main_text = clean_text(visible, MAX_MAIN_TEXT)
    proof_points, _ = verify_proof_points(find_proof_points(blocks, reviews), visible)
    if meta_keywords:
        keywords = list(dict.fromkeys(k for k in (clean_text(k, 40).lower() for k in meta_keywords.split(",")) if k))
    else:  # title and headings say what the page is about: they weigh 3x body text
        keywords = keywords_from_text(title, " ".join(headings), main_text, weights=[3, 3, 1])
    return CompanyContext(
        title=title or (headings[0] if headings else ""),
        description=description,
        headings=headings,
        main_text=main_text,
        offer=find_offer(blocks),  # visible text only: a meta tag no visitor sees is no offer
        proof_points=proof_points,
        audience_cues=find_audience_cues([description, *blocks]),
        keywords=keywords[:MAX_KEYWORDS],
        brand_colors=brand_colors,
        final_url=final_url,
        source="website",
    )
