"""The curated ad patterns (`ad_patterns.v<N>.yaml`) and their retrieval by vertical.

Why retrieval by vertical: a scorer or writer shown a pet-food reaction test while judging a
B2B logistics ad learns the wrong thing. The company's vertical is inferred from its own words
(context keywords, title, description, headings, UVP) by counting each vertical's cue words;
`examples_for` then returns that vertical's patterns first and fills up with the general ones
(any vertical) and, past those, the next-best vertical's. Deterministic and pure, so the
script writer and the scorer see the same patterns for a company.

`python -m creative_pipeline.prompts.ad_patterns` prints the seed.sql block that mirrors the
file (a unit test keeps seed.sql in step).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from creative_pipeline.domain.ad_pattern import AdPattern

PATTERNS_FILE = Path(__file__).parent / "ad_patterns.v1.yaml"
PATTERNS_VERSION = "v1"
GENERAL = "general"
_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _document() -> dict[str, Any]:
    return yaml.safe_load(PATTERNS_FILE.read_text())


def load_patterns() -> list[AdPattern]:
    """Every pattern of the file, in file order."""
    return [
        AdPattern(key=p["key"], vertical=p["vertical"], platform=p["platform"], hook=p["hook"],
                  first_frame=p["first_frame"], body=p["structure"], why_it_worked=p["why_it_works"])
        for p in _document()["patterns"]
    ]


def vertical_cues() -> dict[str, list[str]]:
    return {name: list(words) for name, words in _document()["verticals"].items()}


def infer_vertical(text: str) -> str:
    """The vertical whose cue words occur most often in `text` (first in file order on ties);
    "general" when none occurs."""
    words = _WORD.findall(text.casefold())
    counts = {name: sum(words.count(cue) for cue in cues) for name, cues in vertical_cues().items()}
    best = max(counts.values(), default=0)
    return next(name for name, n in counts.items() if n == best) if best > 0 else GENERAL


def _company_text(context: Any) -> str:
    """The company's own words from a CompanyContext, a CompanyBrief or plain text."""
    if isinstance(context, str):
        return context
    inner = getattr(context, "context", None)
    parts = [getattr(context, "uvp", ""), getattr(context, "name", "")]
    ctx = inner if inner is not None else context
    parts += [getattr(ctx, "title", ""), getattr(ctx, "description", "")]
    parts += list(getattr(ctx, "keywords", []) or []) * 2  # the distilled keywords say the most
    parts += list(getattr(ctx, "headings", []) or [])
    return " ".join(str(p) for p in parts if p)


def infer_vertical_of(context: Any) -> str:
    """The vertical of a CompanyContext, a CompanyBrief or text (see `infer_vertical`)."""
    return infer_vertical(_company_text(context))


def examples_for(context: Any, k: int = 6, patterns: list[AdPattern] | None = None) -> list[AdPattern]:
    """`k` patterns for a company: its inferred vertical's first, then general ones, then the
    rest in file order. `context`: a CompanyContext, a CompanyBrief or text; `patterns`: the
    rows to choose from (default: the packaged file; the scoring stage passes the table's)."""
    pool = load_patterns() if patterns is None else list(patterns)
    vertical = infer_vertical_of(context)
    rank = {vertical: 0, GENERAL: 1}
    ordered = sorted(enumerate(pool), key=lambda item: (rank.get(item[1].vertical, 2), item[0]))
    return [p for _, p in ordered[: max(0, k)]]


def _sql(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def seed_sql(patterns: list[AdPattern] | None = None) -> str:
    """The seed.sql statement that loads the patterns into `viral_examples` (idempotent)."""
    rows = ",\n".join(
        f"  ({_sql(p.key)}, {_sql(p.vertical)}, {_sql(p.platform)}, {_sql(p.hook)},\n"
        f"   {_sql(p.first_frame)},\n   {_sql(p.body)},\n   {_sql(p.why_it_worked)}, {_sql(PATTERNS_VERSION)})"
        for p in (patterns if patterns is not None else load_patterns())
    )
    return (
        "insert into public.viral_examples (pattern_key, vertical, platform, hook, first_frame, body, why_it_worked, "
        "pattern_version) values\n" + rows + "\non conflict (hook) do update set pattern_key = excluded.pattern_key, "
        "vertical = excluded.vertical, platform = excluded.platform, first_frame = excluded.first_frame, "
        "body = excluded.body, why_it_worked = excluded.why_it_worked, pattern_version = excluded.pattern_version, "
        "metrics = '{}';\n"
    )


if __name__ == "__main__":
    print(seed_sql(), end="")
