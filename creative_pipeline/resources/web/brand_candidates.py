"""Where a page shows its brand: candidate images (logo, product photos, share image) and the
typefaces its CSS asks for. Only addresses are found here; every image is fetched through the
SSRF-safe fetcher and checked before anything is kept (`brand_read.py`).

Rules, in the order candidates are tried:
- logo: an `<img>` whose class, id, alt or src says "logo"; then `<link rel="apple-touch-icon">`,
  then `<link rel="icon">` (small, so last);
- product: `<img>` in the page's content (not in nav, footer or header, not hidden, not a logo,
  not a 1-px tracker), in document order;
- other: og:image / twitter:image, the share picture (a product shot when it is also one of the
  content images, which then counts as product).
SVG, GIF, ICO and data: URIs are skipped (the brand kit keeps JPEG, PNG and WebP only).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from pydantic import BaseModel

from creative_pipeline.domain.brand import BrandAssetKind

MAX_CANDIDATES = {"logo": 3, "product": 8, "other": 2}
_SKIP_EXT = re.compile(r"\.(svg|gif|ico|bmp|tiff?)(\?|#|$)", re.IGNORECASE)
_LOGO = re.compile(r"logo", re.IGNORECASE)
_FONT_FAMILY = re.compile(r"font-family\s*:\s*([^;{}]{1,200})", re.IGNORECASE)
MAX_IMG_TAGS = 300  # a hostile page may hold thousands: the first ones are the page's own
MAX_ANCESTORS = 64
_HEADING_SELECTOR = re.compile(r"\b(h1|h2|h3|heading|title|hero|display|brand)\b", re.IGNORECASE)
_GOOGLE_FAMILY = re.compile(r"family=([A-Za-z0-9+ ]{1,60})")


class ImageCandidate(BaseModel):
    url: str
    kind: BrandAssetKind
    found_in: str  # where on the page, for the refusal log ("og:image", "img alt='...'", ...)


class PageBrand(BaseModel):
    """The page's brand signals: image candidates in trial order, font families best first."""

    candidates: list[ImageCandidate] = []
    font_families: list[str] = []


def _absolute(src: str, base: str) -> str | None:
    src = src.strip()
    if not src or src.startswith("data:") or _SKIP_EXT.search(src):
        return None
    url = urljoin(base, src)
    return url if urlsplit(url).scheme in {"http", "https"} else None


def _in_chrome(tag: Tag) -> bool:
    """Inside nav, footer or header: site chrome, not the page's content."""
    return any(node.name in {"nav", "footer", "header"} for node in _ancestors(tag)[1:])


def _ancestors(tag: Tag) -> list[Tag]:
    """The tag and at most MAX_ANCESTORS parents: deep nesting cannot make the scan quadratic."""
    out = [tag]
    for parent in tag.parents:
        if len(out) > MAX_ANCESTORS:
            break
        out.append(parent)
    return out


def _hidden(tag: Tag) -> bool:
    for node in _ancestors(tag):
        style = str(node.get("style", "")).replace(" ", "").lower()
        if node.has_attr("hidden") or "display:none" in style:
            return True
    return False


def _css_rules(css: str) -> list[tuple[str, str]]:
    """(selector, declarations) pairs by splitting on braces: linear in the stylesheet's size."""
    rules = []
    for chunk in css.split("}"):
        selector, _, block = chunk.rpartition("{")
        if _:
            rules.append((selector[-400:], block))
    return rules


def _tiny(tag: Tag) -> bool:
    sizes = [str(tag.get(a, "")) for a in ("width", "height")]
    return any(s.isdigit() and int(s) <= 2 for s in sizes)


def _is_logo(tag: Tag) -> bool:
    text = " ".join(str(tag.get(a, "")) for a in ("class", "id", "alt", "src"))
    return bool(_LOGO.search(text))


def find_candidates(soup: BeautifulSoup, base_url: str) -> list[ImageCandidate]:
    """Candidates in the order they are tried, at most MAX_CANDIDATES of each kind."""
    found: dict[str, ImageCandidate] = {}

    def add(src: object, kind: BrandAssetKind, where: str) -> None:
        url = _absolute(str(src or ""), base_url)
        if url and url not in found and sum(c.kind == kind for c in found.values()) < MAX_CANDIDATES[kind]:
            found[url] = ImageCandidate(url=url, kind=kind, found_in=where[:120])

    images = [t for t in soup.find_all("img", limit=MAX_IMG_TAGS) if isinstance(t, Tag) and not _hidden(t)]
    for tag in images:
        if _is_logo(tag):
            add(tag.get("src"), "logo", f"img alt={str(tag.get('alt', ''))!r}")
    for rel in ("apple-touch-icon", "icon"):
        for link in soup.find_all("link"):
            rels = [str(r).lower() for r in (link.get("rel") or [])]
            if rel in rels:
                add(link.get("href"), "logo", f"link rel={rel}")
    for tag in images:
        if not _is_logo(tag) and not _in_chrome(tag) and not _tiny(tag):
            add(tag.get("src") or tag.get("data-src"), "product", f"img alt={str(tag.get('alt', ''))!r}")
    for key in ("og:image", "og:image:url", "twitter:image"):
        for meta in soup.find_all("meta"):
            if key in {str(meta.get("property", "")).lower(), str(meta.get("name", "")).lower()}:
                add(meta.get("content"), "other", key)
    return list(found.values())


def find_font_families(soup: BeautifulSoup) -> list[str]:
    """CSS font-family values, display faces first: Google Fonts links, then rules for
    headings / hero / title selectors, then the rest (body text) in document order."""
    display: list[str] = []
    body: list[str] = []
    for link in soup.find_all("link"):
        href = str(link.get("href", ""))
        if "fonts.googleapis.com" in href:
            display += [m.replace("+", " ").strip() for m in _GOOGLE_FAMILY.findall(href)]
    for style in soup.find_all("style"):
        for selector, block in _css_rules(style.get_text()[:200_000]):
            for family in _FONT_FAMILY.findall(block):
                (display if _HEADING_SELECTOR.search(selector) else body).append(family.strip())
    for tag in soup.find_all(style=True):
        body += [f.strip() for f in _FONT_FAMILY.findall(str(tag.get("style", "")))]
    return list(dict.fromkeys(f for f in display + body if f))[:6]


def read_page_brand(html: str, base_url: str) -> PageBrand:
    soup = BeautifulSoup(html[:3_000_000], "html.parser")
    return PageBrand(candidates=find_candidates(soup, base_url), font_families=find_font_families(soup))
