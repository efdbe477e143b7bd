"""Prompt templates live in files (`templates/<name>.v<N>.md`); the version travels with every
generated row as provenance, so a changed prompt is visible in the data."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

TEMPLATES = Path(__file__).parent / "templates"
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
_FILE = re.compile(r"^(?P<name>[a-z_]+)\.v(?P<version>\d+)\.md$")
_FENCE_CLOSE = re.compile(r"<\s*/\s*untrusted", re.IGNORECASE)


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


def render(name: str, **values: object) -> RenderedPrompt:
    """Fill `{{placeholders}}`; a missing value is an error, never an empty string."""
    version, text = _latest(name)

    def fill(match: re.Match[str]) -> str:
        key = match[1]
        if key not in values:
            raise KeyError(f"prompt {name}.{version} needs a value for {key!r}")
        value = values[key]
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, indent=1, default=str)

    return RenderedPrompt(template=name, version=version, text=_PLACEHOLDER.sub(fill, text))


def untrusted(label: str, text: str, limit: int = 6000) -> str:
    """Fence scraped text so the model reads it as data, not instructions.

    Any closing tag inside the text is defused, whatever its case or spacing (`</UNTRUSTED >`):
    a model reads tags loosely, and a page must not be able to end the fence early.
    """
    cleaned = _FENCE_CLOSE.sub("< /untrusted", text[:limit])
    return f'<untrusted source="{label}">\n{cleaned}\n</untrusted>'


def template_version(name: str) -> str:
    """The version (`v<N>`) `render(name)` uses: stored with every row as its prompt provenance."""
    return _latest(name)[0]
