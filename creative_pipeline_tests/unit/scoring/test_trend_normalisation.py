"""Anchored batching and cross-batch rescaling, checked against hand-computed values."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from pydantic import ValidationError

from creative_pipeline.domain.trends import KeywordTrend, normalise_keyword
from creative_pipeline.scoring.trend_normalisation import (
    anchor_batches,
    recent_level,
    rescale_batches,
    strongest_keyword,
)


def frame(**columns: list[float]) -> pd.DataFrame:
    return pd.DataFrame(columns, index=pd.date_range("2026-01-01", periods=len(next(iter(columns.values())))))


def test_anchor_batches_put_the_first_keyword_in_every_batch_of_at_most_five() -> None:
    keywords = [f"k{i}" for i in range(12)]
    assert anchor_batches(keywords) == [
        ["k0", "k1", "k2", "k3", "k4"],
        ["k0", "k5", "k6", "k7", "k8"],
        ["k0", "k9", "k10", "k11"],
    ]


def test_anchor_batches_edge_cases() -> None:
    assert anchor_batches([]) == []
    assert anchor_batches(["solo"]) == [["solo"]]
    assert anchor_batches(["a", "b", "a", "c"], batch_size=2) == [["a", "b"], ["a", "c"]]
    with pytest.raises(ValueError):
        anchor_batches(["a", "b"], batch_size=6)
    with pytest.raises(ValueError):
        anchor_batches(["a", "b"], batch_size=1)


def test_recent_level_is_the_mean_of_the_last_quarter() -> None:
    assert recent_level(pd.Series([0, 0, 0, 0, 0, 0, 10, 20])) == 15.0  # last 2 of 8
    assert recent_level(pd.Series([1, 2, 3, 4, 5])) == 4.5  # ceil(5/4) = 2 points
    assert recent_level(pd.Series([7])) == 7.0
    assert recent_level(pd.Series([1.0, 3.0, float("nan")])) == 3.0  # NaN ignored: last 1 of 2
    assert recent_level(pd.Series([], dtype="float64")) == 0.0


def test_rescale_brings_batches_onto_the_anchor_scale_then_0_to_100() -> None:
    # last quarter of 8 rows = last 2 rows
    first = frame(a=[0] * 6 + [40, 60], b=[0] * 6 + [100, 100], c=[0] * 6 + [10, 30])  # a=50 b=100 c=20
    second = frame(a=[0] * 6 + [20, 30], d=[0] * 6 + [100, 80], e=[0] * 8)  # a=25 d=90 e=0
    # factor for the second batch = 50/25 = 2 -> d = 180; peak 180
    scores = rescale_batches([first, second], "a")
    expected = {"a": 5000 / 180, "b": 10000 / 180, "c": 2000 / 180, "d": 100.0, "e": 0.0}
    assert scores.keys() == expected.keys()
    for keyword, value in expected.items():
        assert math.isclose(scores[keyword], value), keyword


def test_rescale_floors_a_zero_anchor_at_half_a_point() -> None:
    first = frame(a=[0, 0, 0, 0], b=[0, 0, 0, 10])  # a=0 (floor 0.5) b=10
    second = frame(a=[0, 0, 0, 2], c=[0, 0, 0, 100])  # a=2, factor 0.5/2 -> c = 25
    assert rescale_batches([first, second], "a") == {"a": 0.0, "b": 40.0, "c": 100.0}


def test_rescale_averages_a_keyword_seen_twice_and_handles_degenerate_input() -> None:
    first = frame(a=[50, 50, 50, 50], x=[20, 20, 20, 20])
    second = frame(a=[25, 25, 25, 25], x=[12, 12, 12, 12])  # factor 2 -> x = 24; mean(20, 24) = 22
    assert rescale_batches([first, second], "a") == {"a": 100.0, "x": 44.0}
    assert rescale_batches([], "a") == {}
    assert rescale_batches([frame(a=[0, 0], b=[0, 0])], "a") == {"a": 0.0, "b": 0.0}
    empty = pd.DataFrame({"a": pd.Series(dtype="float64"), "b": pd.Series(dtype="float64")})
    assert rescale_batches([empty], "a") == {"a": 0.0, "b": 0.0}
    with pytest.raises(ValueError, match="anchor"):
        rescale_batches([frame(b=[1, 2])], "a")


def test_strongest_keyword_is_the_highest_recent_level_first_on_ties() -> None:
    assert strongest_keyword(frame(a=[90, 0, 0, 0], b=[0, 0, 0, 30], c=[0, 0, 0, 20])) == "b"
    assert strongest_keyword(frame(a=[5, 5], b=[5, 5])) == "a"
    with pytest.raises(ValueError):
        strongest_keyword(pd.DataFrame())
