"""Number parsing: the literal cases from the issue, then properties over US and EU formatting."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from creative_pipeline.performance.parsers.numbers import (
    blank_mask,
    column_decimal,
    parse_number,
    parse_number_series,
    per_unique,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,250.50", 1250.5),
        ("9,38%", 9.38),
        ("$3,200.00", 3200.0),
        ("--", None),
        ("1.20253E+17", 1.20253e17),
        ("1,20253E+17", 1.20253e17),
        ("", None),
        ("  ", None),
        ("N/A", None),
        ("-", None),
        ("(12.50)", -12.5),
        ("($1,234.50)", -1234.5),
        ("-$5", -5.0),
        ("$-5", -5.0),
        ("−3", -3.0),
        ("US$1,234.56", 1234.56),
        ("€1.234,56", 1234.56),
        ("1.234,56 EUR", 1234.56),
        ("USD 12", 12.0),
        ("1 234,56", 1234.56),
        ("1\u202f234,5", 1234.5),
        ("CHF 1'234.50", 1234.5),
        ("12.5 %", 12.5),
        ("0,5", 0.5),
        ("1,250", 1250.0),  # ambiguous alone: en-US reading
        ("abc", None),
        ("12,34,5", None),  # grouping that fits no locale
        (None, None),
        (7, 7.0),
    ],
)
def test_parse_number_examples(text: object, expected: float | None) -> None:
    got = parse_number(text)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected)


def test_decimal_hint_breaks_ties_only() -> None:
    assert parse_number("1,250", decimal_hint=",") == pytest.approx(1.25)
    assert parse_number("1.250", decimal_hint=",") == pytest.approx(1250.0)
    assert parse_number("1,250.50", decimal_hint=",") == pytest.approx(1250.5)  # evidence wins


def test_column_decides_locale() -> None:
    # "1.250" alone is ambiguous; "12,5" in the same column proves a decimal comma.
    assert parse_number_series(pd.Series(["1.250", "12,5", "1.234.567"])).tolist() == [1250.0, 12.5, 1234567.0]
    assert parse_number_series(pd.Series(["1,250", "12.5"])).tolist() == [1250.0, 12.5]
    assert column_decimal(pd.Series(["1,250", "3"])) is None
    assert column_decimal(pd.Series(["9,38%", "3"])) == ","
    assert column_decimal(pd.Series(["1,234.5"])) == "."


def test_grouping_is_validated_within_the_locale() -> None:
    out = parse_number_series(pd.Series(["1,234.5", "12,34"]))  # en-US column: 12,34 is garbage
    assert out.iloc[0] == pytest.approx(1234.5)
    assert math.isnan(out.iloc[1])


def test_blank_mask_tells_blank_from_garbage() -> None:
    s = pd.Series(["", "--", "N/A", "abc", "12", None])
    assert blank_mask(s).tolist() == [True, True, True, False, False, True]


def test_series_keeps_index_and_dtype() -> None:
    s = pd.Series(["1", "2", ""], index=[10, 20, 30])
    out = parse_number_series(s)
    assert out.dtype == "float64"
    assert list(out.index) == [10, 20, 30]
    assert parse_number_series(pd.Series([], dtype=object)).empty


def _us(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def _eu(value: float, decimals: int) -> str:
    return _us(value, decimals).replace(",", "\x00").replace(".", ",").replace("\x00", ".")


money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(money, st.sampled_from(["", "$", "US$", "€", "£"]), st.sampled_from(["", " EUR", " USD"]))
def test_round_trip_us(value, prefix: str, suffix: str) -> None:
    text = f"{prefix}{_us(float(value), 2)}{suffix}"
    assert parse_number(text) == pytest.approx(float(value), rel=1e-12, abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(money, st.sampled_from(["", "€", "€ "]), st.sampled_from(["", " €", " EUR"]))
def test_round_trip_eu(value, prefix: str, suffix: str) -> None:
    text = f"{prefix}{_eu(float(value), 2)}{suffix}"
    assert parse_number(text) == pytest.approx(float(value), rel=1e-12, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([".", ","]))
def test_round_trip_integers_with_grouping_and_hint(value: int, decimal: str) -> None:
    text = _us(value, 0) if decimal == "." else _eu(value, 0)
    assert parse_number(text, decimal_hint=decimal) == value


@settings(max_examples=200, deadline=None)
@given(st.lists(money, min_size=1, max_size=30), st.sampled_from(["us", "eu"]))
def test_round_trip_columns(values, style: str) -> None:
    fmt = _us if style == "us" else _eu
    floats = [float(v) for v in values]
    # a column of 2-decimal values is never ambiguous, whatever the magnitudes
    got = parse_number_series(pd.Series([fmt(v, 2) for v in floats]))
    assert got.tolist() == pytest.approx(floats, rel=1e-12, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=100, places=2), st.sampled_from(["us", "eu"]))
def test_percent_stays_in_percent_units(value, style: str) -> None:
    text = (_us if style == "us" else _eu)(float(value), 2) + "%"
    assert parse_number(text) == pytest.approx(float(value))


@settings(max_examples=200, deadline=None)
@given(money)
def test_accounting_negative(value) -> None:
    assert parse_number(f"({_us(float(value), 2)})") == pytest.approx(-float(value), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=1e-6, max_value=1e20, allow_nan=False), st.integers(1, 8))
def test_scientific_notation(value: float, digits: int) -> None:
    text = f"{value:.{digits}E}"
    assert parse_number(text) == pytest.approx(float(text))
    assert parse_number(text.replace(".", ",")) == pytest.approx(float(text))


def test_per_unique_keeps_missing_cells_missing() -> None:
    series = pd.Series(["a", None, "b", "a"], dtype=object)
    out = per_unique(series, lambda s: s.str.upper())
    assert out.isna().tolist() == [False, True, False, False]
    assert out.dropna().tolist() == ["A", "B", "A"]
