"""Which keywords a company asks Google Trends about, and how a script's trend part follows.

Why a budget: Google Trends answers 429 after a handful of requests from one client, and each
batch of 5 keywords costs two HTTP requests (explore + timeline). Asking for every distinct
keyword the model wrote (about 300 per company, ~85 anchored batches, ~170 requests) meant most
of them never got an answer and most scripts got the flagged neutral 50. So a company asks for
at most `limit` keywords (TRENDS_MAX_KEYWORDS, 20 by default: 5 anchored batches of 5, i.e.
11 HTTP requests with the cookie), the ones that matter most:

- keywords many scripts carry (a keyword 12 scripts use decides more scores than 12 keywords
  one script each uses), then
- the site's own keywords (the company's topic, so every script has a baseline to relate to),
  with ties broken by first appearance (deterministic).

A script's trend part is then derived lexically from the answered keywords: each keyword counts
with the share of its words that occur in the script (its copy, hook, beats and keywords), and
the script's trend is the overlap-weighted mean of the matched keywords' scores. A script that
matches none gets the company's baseline (the mean of every answered keyword), never a neutral
50 that would reward matching nothing; it is reported as such (`matched` empty).

Pure: no I/O, unit-tested in creative_pipeline_tests/unit/scoring/test_trend_keywords.py.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from pydantic import BaseModel, Field

from creative_pipeline.domain.trends import KeywordTrend, TrendStatus, normalise_keyword

DEFAULT_KEYWORD_LIMIT = 20
MAX_KEYWORD_WORDS = 4  # Google Trends has little data for long phrases: they read as zero
MIN_OVERLAP = 0.5  # at least half of a keyword's words must occur in the script
CONTEXT_BONUS = 2  # a site keyword counts as if two more scripts carried it
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> set[str]:
    """Lower-case word set, with a naive plural strip so "shoes" matches "shoe"."""
    out = set()
    for word in _WORD.findall(text.casefold()):
        out.add(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)
    return out


def _usable(keyword: str) -> bool:
    return bool(keyword) and len(keyword) <= 60 and len(keyword.split()) <= MAX_KEYWORD_WORDS


def select_keywords(
    context_keywords: Sequence[str], script_keywords: Iterable[Sequence[str]], limit: int = DEFAULT_KEYWORD_LIMIT
) -> list[str]:
    """At most `limit` normalised keywords, most useful first (see the module docstring)."""
    if limit < 1:
        return []
    carried: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for keywords in script_keywords:
        for keyword in dict.fromkeys(normalise_keyword(k) for k in keywords):
            if _usable(keyword):
                carried[keyword] += 1
                first_seen.setdefault(keyword, len(first_seen))
    site = [k for k in dict.fromkeys(normalise_keyword(k) for k in context_keywords) if _usable(k)]
    for keyword in site:
        carried[keyword] += CONTEXT_BONUS
        first_seen.setdefault(keyword, len(first_seen))
    ranked = sorted(carried, key=lambda k: (-carried[k], first_seen[k]))
    return ranked[:limit]


class ScriptTrend(BaseModel):
    """A script's trend part and what it rests on."""

    score: float = Field(ge=0, le=100)
    status: TrendStatus
    matched: list[str] = Field(default_factory=list)  # the keywords it rests on; empty = company baseline


NEUTRAL_TREND_SCORE = 50.0


def overlap(keyword: str, script_words: set[str]) -> float:
    """Share of the keyword's words found in the script (0..1)."""
    keyword_words = words(keyword)
    return len(keyword_words & script_words) / len(keyword_words) if keyword_words else 0.0


def script_trend(script_text: str, trends: Mapping[str, KeywordTrend]) -> ScriptTrend:
    """The script's trend part from the company's answered keywords (see the module docstring).

    No answered keyword at all (Trends down, rate-limited, off): neutral 50, "unavailable".
    "cached" when every score used came from the cache.
    """
    answered = {k: t for k, t in trends.items() if t.available and t.score is not None}
    if not answered:
        return ScriptTrend(score=NEUTRAL_TREND_SCORE, status="unavailable")
    script_words = words(script_text)
    weights = {k: overlap(k, script_words) for k in answered}
    matched = {k: w for k, w in weights.items() if w >= MIN_OVERLAP}
    used = matched or {k: 1.0 for k in answered}
    score = sum(w * float(answered[k].score or 0.0) for k, w in used.items()) / sum(used.values())
    status: TrendStatus = "cached" if all(answered[k].status == "cached" for k in used) else "ok"
    return ScriptTrend(score=round(min(100.0, max(0.0, score)), 3), status=status, matched=sorted(matched))
