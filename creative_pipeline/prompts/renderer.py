"""Prompt templates live in files (`templates/<name>.v<N>.md`); the version travels with every
generated row as provenance, so a changed prompt is visible in the data.

Untrusted text is fenced here, centrally, so no caller can forget it (issue 15 item 7). Every
value for a placeholder named in `UNTRUSTED` (scraped site text and model output derived from
it: personas, scripts, briefs, ad copy) — or written `{{name|untrusted}}` in a template, or built
with `untrusted()` — reaches the prompt as

    <untrusted-5f0c2a9e41b7d386 source="website">
    ...the text, with every < and > escaped as &lt; &gt;...
    </untrusted-5f0c2a9e41b7d386>

The boundary is random per fence (`secrets`), and the text cannot contain a tag at all, so
neither a literal `</untrusted>` nor a guessed boundary can close the fence. Reviewer feedback
(`REVIEWER`, or `{{name|reviewer}}`) is fenced the same way under its own tag, `<reviewer-…>`,
which the system prompt tells the model to read as a creative change request and nothing else.
`cache_form()` maps the random boundaries back to a fixed one: the generation cache keys on the
content before fencing, so a re-run still finds the replies it paid for.
"""

from __future__ import annotations

import json
import re
import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

TEMPLATES = Path(__file__).parent / "templates"
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*(?:\|\s*(untrusted|reviewer)\s*)?\}\}")
_FILE = re.compile(r"^(?P<name>[a-z_]+)\.v(?P<version>\d+)\.md$")
_BOUNDARY_HEX = 16
_FENCE_TAG = re.compile(rf"<(/?)(untrusted|reviewer)-[0-9a-f]{{{_BOUNDARY_HEX}}}(?![0-9a-f])")

# Placeholder names whose values are scraped, or written by a model from scraped text; the value
# is the `source` the fence names. New templates reuse these names or mark `{{name|untrusted}}`.
UNTRUSTED: dict[str, str] = {
    "context": "website", "offer": "website", "proof_points": "website", "page": "website",
    "persona": "generated", "personas": "generated", "script": "generated", "scripts": "generated",
    "brief": "generated", "items": "ad copy", "angle": "generated", "angles": "generated",
    "hooks": "generated", "hook": "generated", "objections": "generated", "objection": "generated",
    "copy": "ad copy", "plan": "generated", "winner": "generated", "winners": "generated",
    "candidates": "generated", "claims": "generated",
}
REVIEWER: frozenset[str] = frozenset({"feedback"})


class Fenced(str):
    """Text already inside a fence: `render` inserts it as is instead of fencing it twice."""


class RenderedPrompt(BaseModel):
    template: str
    version: str
    text: str


@lru_cache(maxsize=None)
def _latest(name: str) -> tuple[str, str]:
    versions = []
    for path in TEMPLATES.glob(f"{name}.v*.md"):
        match = _FILE.match(path.name)
        if match and match["name"] == name:
            versions.append((int(match["version"]), path))
    if not versions:
        raise FileNotFoundError(f"no prompt template named {name!r} in {TEMPLATES}")
    version, path = max(versions)
    return f"v{version}", path.read_text()


def escape(text: str) -> str:
    """Angle brackets as entities: fenced text can then hold no tag, real or imitated."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """The inverse of `escape`, for text a model copied out of a fence (e.g. a quote)."""
    return text.replace("&lt;", "<").replace("&gt;", ">")


def fence(text: str, source: str, tag: str = "untrusted") -> Fenced:
    """`text` inside a `<tag-BOUNDARY source=...>` fence with a fresh random boundary."""
    boundary = secrets.token_hex(_BOUNDARY_HEX // 2)
    label = escape(source).replace('"', "'")
    return Fenced(f'<{tag}-{boundary} source="{label}">\n{escape(text)}\n</{tag}-{boundary}>')


def literal(text: str) -> Fenced:
    """Our own words for a placeholder that usually holds page text (e.g. "no offer stated"):
    inserted as is. Never pass page or model text through this."""
    return Fenced(text)


def untrusted(label: str, text: str, limit: int = 6000) -> Fenced:
    """Fence scraped (or scraped-derived) text so the model reads it as data, not instructions."""
    return fence(text[:limit], label)


def cache_form(prompt: str) -> str:
    """`prompt` with every fence boundary replaced by a fixed one: the same content gives the
    same cache key whatever boundaries this call drew (content holds no `<`, so only real fence
    tags match)."""
    return _FENCE_TAG.sub(lambda m: f"<{m[1]}{m[2]}-{'0' * _BOUNDARY_HEX}", prompt)


def _as_text(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, indent=1, default=str)


def render(name: str, **values: object) -> RenderedPrompt:
    """Fill `{{placeholders}}` (untrusted ones fenced, see the module docstring); a missing value
    is an error, never an empty string."""
    version, text = _latest(name)

    def fill(match: re.Match[str]) -> str:
        key, mark = match[1], match[2]
        if key not in values:
            raise KeyError(f"prompt {name}.{version} needs a value for {key!r}")
        value = values[key]
        if isinstance(value, Fenced):
            return value
        if mark == "reviewer" or (mark is None and key in REVIEWER):
            return fence(_as_text(value), "reviewer", tag="reviewer")
        if mark == "untrusted" or key in UNTRUSTED:
            return fence(_as_text(value), UNTRUSTED.get(key, "website"))
        return _as_text(value)

    return RenderedPrompt(template=name, version=version, text=_PLACEHOLDER.sub(fill, text))


def template_version(name: str) -> str:
    """The version (`v<N>`) `render(name)` uses: stored with every row as its prompt provenance."""
    return _latest(name)[0]
