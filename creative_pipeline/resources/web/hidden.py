"""Which elements of a page a visitor cannot see: dropped before any text is read.

Text a person never reads is not the company's message, and it is where prompt injections hide
("ignore previous instructions" in white-on-white, off-screen or zero-size text). An element is
hidden when:
- it is `<template>`, `<noscript>`, `<script>`, or carries `hidden` or `aria-hidden="true"`;
- its declarations (the page's own `<style>` rules whose last compound selector — tag, `.class`,
  `#id` — matches it, in source order, then its inline `style`; the last value of a property
  wins) say display:none, visibility:hidden/collapse, opacity:0, font-size:0, colour
  `transparent`; an off-screen position (absolute/fixed with left/top far negative, or
  text-indent / margin-left far negative); a zero-size box (width or height ≤ 1px, or
  max-height 0, with overflow hidden; `clip: rect(0…)` / `clip-path: inset(50%+)`); or the same
  text colour as its own background colour.
Deliberate approximations, all on the side of dropping text: ancestors in a selector are not
checked (`.faq .answer` hides every `.answer`), and specificity is not computed. Rules with
pseudo-classes or attribute selectors are ignored (they apply conditionally), and so are rules
inside `@media` / `@supports` blocks other than plain `@media screen|all` (responsive layouts
hide text on some screens only). `<html>` and `<body>` are never dropped by a style: an
"anti-flicker" snippet hides the whole page until a script runs, and hiding everything hides
no injection. Linked stylesheets are not fetched (one page, one request).
"""

from __future__ import annotations

import re
from collections import defaultdict

from bs4 import BeautifulSoup, Tag

from creative_pipeline.resources.web.heuristics import css_colors

MAX_CSS_CHARS = 200_000
MAX_RULES = 5000
_ALWAYS_HIDDEN = ["template", "noscript", "script"]
_NEVER_BY_STYLE = {"html", "body"}
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_BLOCK = re.compile(r"([^{}]*)([{}])")
_PLAIN_MEDIA = re.compile(r"@media\s+(?:only\s+)?(?:screen|all)\s*$", re.IGNORECASE)
_COMPOUND = re.compile(r"^(?P<tag>[a-z][a-z0-9-]*)?(?P<rest>(?:[.#][\w-]+)*)$", re.IGNORECASE)
_LENGTH = re.compile(r"^(-?\d*\.?\d+)\s*(px|em|rem|%|vw|vh|pt)?$")
_NAMED = {"white": "#FFFFFF", "black": "#000000", "red": "#FF0000", "blue": "#0000FF", "green": "#008000"}
Declarations = dict[str, str]


def declarations(text: str) -> Declarations:
    """`prop: value; ...` as a dict (lower-case, `!important` dropped); malformed parts skipped."""
    out: Declarations = {}
    for part in text.split(";"):
        prop, sep, value = part.partition(":")
        if sep:
            out[prop.strip().lower()] = value.replace("!important", "").strip().lower()
    return out


def _compounds(selector_list: str) -> list[tuple[str | None, frozenset[str], frozenset[str]]]:
    """(tag, ids, classes) of the last compound of each plain selector in a selector list."""
    out = []
    for selector in selector_list.split(","):
        parts = re.split(r"[\s>+~]+", selector.strip())
        match = _COMPOUND.match(parts[-1]) if parts and parts[-1] else None
        if match is None or not (match["tag"] or match["rest"]):
            continue  # pseudo-classes, attribute selectors, `*`: conditional or too broad
        pieces = re.findall(r"([.#])([\w-]+)", match["rest"])
        ids = frozenset(name for mark, name in pieces if mark == "#")
        classes = frozenset(name for mark, name in pieces if mark == ".")
        out.append(((match["tag"] or "").lower() or None, ids, classes))
    return out


def stylesheet_rules(css: str) -> list[tuple[str, Declarations]]:
    """(selector list, declarations) of the top-level and plain-@media rules, in source order."""
    css = _COMMENT.sub("", css[:MAX_CSS_CHARS])
    rules: list[tuple[str, Declarations]] = []
    stack: list[str | None] = []  # open blocks: a selector list, or None for an at-rule
    skip_from: int | None = None  # depth of the conditional at-rule we are inside
    for match in _BLOCK.finditer(css):
        text, brace = match.group(1), match.group(2)
        if brace == "{":
            prelude = text.strip()
            is_at = prelude.startswith("@")
            if is_at and skip_from is None and not _PLAIN_MEDIA.match(prelude):
                skip_from = len(stack)
            stack.append(None if is_at else prelude)
        elif stack:
            selector = stack.pop()
            if selector and skip_from is None and len(rules) < MAX_RULES:
                rules.append((selector, declarations(text)))
            if skip_from is not None and len(stack) <= skip_from:
                skip_from = None
    return rules


def _far_negative(value: str) -> bool:
    match = _LENGTH.match(value.strip())
    if not match:
        return False
    number, unit = float(match[1]), match[2] or "px"
    return number <= {"px": -500, "pt": -400}.get(unit, -30)


def _at_most_1px(value: str) -> bool:
    match = _LENGTH.match(value.strip())
    return bool(match) and float(match[1]) <= (1 if (match[2] or "px") in {"px", "pt"} else 0)


def _is_zero(value: str) -> bool:
    match = _LENGTH.match(value.strip())
    return bool(match) and float(match[1]) == 0


def _colour(value: str) -> str | None:
    value = value.strip()
    found = css_colors(value, in_value=True)
    return found[0] if found else _NAMED.get(value.split(" ")[0])


def hides(style: Declarations) -> bool:
    """Whether these declarations make an element's text invisible (see the module docstring)."""
    get = style.get
    overflow_hidden = get("overflow", get("overflow-y", get("overflow-x", ""))) in {"hidden", "clip"}
    opacity = _LENGTH.match(get("opacity", "1"))
    colour, background = _colour(get("color", "")), _colour(get("background-color", get("background", "")))
    return (
        get("display") == "none"
        or get("visibility") in {"hidden", "collapse"}
        or (opacity is not None and float(opacity[1]) <= 0)
        or _is_zero(get("font-size", ""))
        or get("color") == "transparent"
        or (get("position") in {"absolute", "fixed"} and (_far_negative(get("left", "0")) or _far_negative(get("top", "0"))))
        or _far_negative(get("text-indent", "0")) or _far_negative(get("margin-left", "0"))
        or (overflow_hidden and (_at_most_1px(get("width", "auto")) or _at_most_1px(get("height", "auto"))
                                 or _at_most_1px(get("max-height", "none"))))
        or get("clip", "").replace(" ", "").startswith("rect(0")
        or re.match(r"inset\(\s*(?:50|[6-9]\d|100)%", get("clip-path", "")) is not None
        or (colour is not None and colour == background)
    )


class Stylesheet:
    """The page's own <style> rules, indexed by class, id and tag for a linear pass."""

    def __init__(self, soup: BeautifulSoup) -> None:
        # one entry per distinct compound (repeated selectors merge, later values win), so a
        # page that repeats a rule thousands of times costs one check per element, not thousands
        merged: dict[tuple[str | None, frozenset[str], frozenset[str]], tuple[int, Declarations]] = {}
        css = "\n".join(tag.get_text() for tag in soup.find_all("style"))
        for order, (selector, decls) in enumerate(stylesheet_rules(css)):
            for compound in _compounds(selector):
                merged[compound] = (order, {**merged.get(compound, (0, {}))[1], **decls})
        self.by_key: dict[str, list[tuple[int, str | None, frozenset[str], frozenset[str], Declarations]]] = defaultdict(list)
        for (tag, ids, classes), (order, decls) in merged.items():
            key = f"#{min(ids)}" if ids else f".{min(classes)}" if classes else f"<{tag}"
            self.by_key[key].append((order, tag, ids, classes, decls))
        self._cache: dict[tuple[str, frozenset[str], str], Declarations] = {}

    def _rules_for(self, name: str, classes: frozenset[str], element_id: str) -> Declarations:
        signature = (name, classes, element_id)
        if signature not in self._cache:
            keys = [f".{c}" for c in classes] + ([f"#{element_id}"] if element_id else []) + [f"<{name}"]
            matching = sorted(
                ((order, decls) for key in keys for order, tag, ids, wanted, decls in self.by_key.get(key, [])
                 if (tag is None or tag == name) and wanted <= classes and ids <= {element_id}),
                key=lambda item: item[0],
            )
            merged: Declarations = {}
            for _, decls in matching:
                merged.update(decls)
            self._cache[signature] = merged
        return self._cache[signature]

    def style_of(self, element: Tag) -> Declarations:
        """The element's declarations: matching rules in source order, then its inline style."""
        classes = frozenset(c for value in element.get_attribute_list("class") if value for c in str(value).split())
        element_id = str(element.get("id", "")).strip()
        return {**self._rules_for(element.name, classes, element_id), **declarations(str(element.get("style", "")))}


def is_hidden(element: Tag, sheet: Stylesheet) -> bool:
    """Hidden by attribute, by the page's stylesheet or by its inline style (module docstring)."""
    if element.has_attr("hidden") or str(element.get("aria-hidden", "")).strip().lower() == "true":
        return True
    return element.name not in _NEVER_BY_STYLE and hides(sheet.style_of(element))


def drop_hidden(soup: BeautifulSoup) -> int:
    """Remove every element a visitor cannot see (and <template>, <noscript>, <script>) from
    `soup`; the number of elements removed. Elements inside a removed one go with it."""
    sheet = Stylesheet(soup)
    doomed = [tag for tag in soup.find_all(True) if tag.name in _ALWAYS_HIDDEN or is_hidden(tag, sheet)]
    removed = 0
    for tag in doomed:
        if tag.name:  # a tag inside an already removed one was wiped with it (name "")
            tag.decompose()
            removed += 1
    return removed
