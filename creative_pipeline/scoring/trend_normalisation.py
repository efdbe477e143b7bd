"""Turning Google Trends' per-request numbers into one comparable score per keyword.

Google answers at most 5 keywords per request and scales each answer so that its highest
point is 100: the same keyword reads 80 next to weak terms and 12 next to a strong one. To
compare more than 5 keywords, every batch carries the same anchor keyword; the anchor's
level in each batch tells how that batch was scaled, so all batches can be brought onto the
first batch's scale, then onto 0..100 by the overall maximum.

Precision depends on the anchor: Google rounds to integers, so an anchor reading 3 carries
±17 % error into every rescaled value of its batch, one reading 80 under 1 %. Callers that
do not know a strong keyword up front can fetch a first plain batch and take its
`strongest_keyword` as the anchor for the rest (the trends resource does).

Consequence worth knowing: scores are relative to the keywords asked for together. They
rank keywords within one request set; they are not absolute search volumes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
import pandas as pd


GOOGLE_MAX_KEYWORDS = 5

# Google rounds to integers, so an anchor reading 0 was below 0.5 of its batch's scale. 0.5 is
# the largest level consistent with that reading, i.e. the most conservative rescaling factor;
# when the anchor is 0 in every batch, all batches get the same factor (no rescaling at all).
ANCHOR_FLOOR = 0.5


def anchor_batches(keywords: Iterable[str], batch_size: int = GOOGLE_MAX_KEYWORDS) -> list[list[str]]:
    """Batches of at most `batch_size`, each starting with the anchor (the first keyword).

    >>> anchor_batches(["a", "b", "c", "d", "e", "f"])
    [['a', 'b', 'c', 'd', 'e'], ['a', 'f']]
    """
    if not 2 <= batch_size <= GOOGLE_MAX_KEYWORDS:
        raise ValueError(f"batch_size must be 2..{GOOGLE_MAX_KEYWORDS}, got {batch_size}")
    unique = list(dict.fromkeys(keywords))
    if not unique:
        return []
    anchor, others = unique[0], unique[1:]
    if not others:
        return [[anchor]]
    step = batch_size - 1
    return [[anchor, *others[i : i + step]] for i in range(0, len(others), step)]


def strongest_keyword(frame: pd.DataFrame) -> str:
    """The column with the highest recent level (the first on ties): the most precise anchor."""
    if frame.columns.empty:
        raise ValueError("a frame without keywords has no strongest keyword")
    levels = [(recent_level(frame[column]), -position, str(column)) for position, column in enumerate(frame.columns)]
    return max(levels)[2]


def recent_level(values: pd.Series) -> float:
    """Mean interest over the last quarter of the timeframe (at least one point).

    Why the last quarter: an ad runs now, so recent interest is what matters, but the single
    latest point is noisy (and Google's last point is often partial, dropped by the backend).
    For the default "today 3-m" that is the last ~22 days: three full weeks, which averages
    out the weekly rhythm, while a spike two months ago no longer dominates as it would in a
    mean over the whole window. Missing values are ignored; no data at all reads as 0.
    """
    clean = pd.to_numeric(values, errors="coerce").dropna()
    if clean.empty:
        return 0.0
    tail = max(1, math.ceil(len(clean) / 4))
    return float(clean.iloc[-tail:].mean())


def rescale_batches(frames: list[pd.DataFrame], anchor: str) -> dict[str, float]:
    """Per-keyword 0..100 scores from anchored batch frames (columns = keywords).

    Each keyword's recent level is multiplied by `anchor level in batch 0 / anchor level in
    its batch` (anchor levels floored at ANCHOR_FLOOR), which makes the anchor's level the
    same in every batch; then all levels are scaled so the largest is 100 (all zero stays 0).
    A keyword seen in several batches gets the mean of its rescaled levels; the anchor's is
    its batch-0 level by construction.
    """
    if not frames:
        return {}
    anchor_levels = []
    for index, frame in enumerate(frames):
        if anchor not in frame.columns:
            raise ValueError(f"batch {index} lacks the anchor keyword {anchor!r}")
        anchor_levels.append(max(recent_level(frame[anchor]), ANCHOR_FLOOR))
    reference = anchor_levels[0]
    collected: dict[str, list[float]] = {anchor: [recent_level(frames[0][anchor])]}
    for frame, anchor_level in zip(frames, anchor_levels):
        factor = reference / anchor_level
        for keyword in frame.columns:
            if keyword != anchor:
                collected.setdefault(str(keyword), []).append(recent_level(frame[keyword]) * factor)
    levels = {keyword: sum(values) / len(values) for keyword, values in collected.items()}
    peak = max(levels.values())
    if peak <= 0:
        return {keyword: 0.0 for keyword in levels}
    return {keyword: min(100.0, 100.0 * level / peak) for keyword, level in levels.items()}
