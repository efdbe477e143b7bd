"""Numbers written in words, found in running text (pure).

"Trusted by fifty thousand customers", "over a million orders", "half a million users" and
"ready in two minutes" are the same claims as their digits, and a model asked not to invent
figures rewrites them in words as readily as in digits. Grounding therefore reads both, in the
copy and in the sources: "twelve thousand" on the page grounds "12,000" in the copy and back.

English only, like the rest of the claim patterns. Ordinals ("first") and fractions other than
"half a(n)" are not numbers here; "one" alone is never a figure ("one cup", "the one thing").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
# a run of number words joined by spaces, hyphens or "and"; may open with "a" / "half a" before a scale
NUMBER_WORDS = re.compile(
    rf"(?<![\w-])(?P<lead>(?:half\s+an?|an?)\s+)?(?P<words>(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*)(?![\w-])",
    re.I,
)


class WordNumber(BaseModel):
    """A number found in words: its span in the text and its value."""

    start: int
    end: int
    text: str
    value: float


def words_value(words: str) -> float | None:
    """'fifty thousand' -> 50000; 'two hundred and fifty' -> 250; None when the words do not make
    one number ('five six', 'thousand')."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    total, current, last = 0, 0, None
    for token in tokens:
        if token in _UNITS or token in _TENS:
            value = _UNITS.get(token, _TENS.get(token, 0))
            if last in ("unit", "teen") or (last == "tens" and (token in _TENS or value >= 10)):
                return None  # "five six", "twenty thirty": two numbers, not one
            current += value
            last = "tens" if token in _TENS else ("teen" if value >= 10 else "unit")
        else:
            scale = _SCALES[token]
            if last is None and scale >= 100:
                return None  # a bare scale word needs "a" before it; see `word_numbers`
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
            last = "scale"
    return float(total + current)


def word_numbers(text: str) -> Iterator[WordNumber]:
    """Every number written in words in `text`, with "a thousand" = 1000, "half a million" = 500000."""
    for m in NUMBER_WORDS.finditer(text):
        words, lead = m["words"], (m["lead"] or "").lower().split()
        if lead and words.lower().split()[0].split("-")[0] in _SCALES:
            value = words_value("one " + words)
            if value is not None and lead[0] == "half":
                value /= 2
            start = m.start()
        else:
            value = words_value(words)
            start = m.start("words")
        if value is not None:
            yield WordNumber(start=start, end=m.end(), text=text[start:m.end()], value=value)
