"""Numbers as ad platforms and spreadsheets write them.

Handled: thousands separators (`1,250.50`, `1.234,56`, `1 234,56` with (narrow) no-break
spaces, `1'234.56`), percent (`9,38%` -> 9.38: percent values stay in percent units, the caller
knows its column's unit), currency symbols and codes (`$3,200.00`, `US$1,234.56`, `€1.234,56`,
`1.234,56 EUR`), Excel's scientific notation (`1.20253E+17`), accounting negatives (`(12.50)`),
the unicode minus, and empties (`""`, `--`, `-`, `N/A`, `null`, ...) -> NaN / None.

Whether `,` is the decimal mark is decided **per column** from all its values, because a single
value can be ambiguous (`1,250` is 1250 in en-US and 1.25 in de-DE) while the column rarely is
(`9,38` or `1.234,56` settle it). Evidence wins; `decimal_hint` only breaks a tie, and without a
hint a tie reads `,` as thousands separator (en-US, the platforms' default export locale). Within
the chosen locale grouping is validated, so `12,34` in an en-US column is invalid (NaN), not 1234.

Work is done once per distinct value (`pd.factorize`), then broadcast back: ad exports repeat
values heavily (counts, zeros). Cells that already are machine numbers go through pandas' C
converter (pyarrow's cast); only decorated ones (separators, symbols, blanks) take the string
path. A million-row column takes well under a second.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

NULL_TOKENS = frozenset(
    {"", "-", "--", "---", "\u2013", "\u2014", "n/a", "na", "n.a.", "#n/a", "nan", "null",
     "none", "(not set)", "not available"}
)
_SYMBOLS = "$€£¥₹₩₺₽₫₱₪₦฿₴₲₵₡₭₮₸¢"
_CUR_PRE = rf"[A-Za-z]{{1,3}}[{_SYMBOLS}]|[{_SYMBOLS}]|[A-Z]{{3}}|kr\.?|zł|Fr\.|R(?=\s)"
_CUR_SUF = rf"[{_SYMBOLS}]|[A-Z]{{3}}|kr\.?|zł|Kč|Ft|lei"
_SIMPLE = rf"(?:[A-Z]{{0,3}}[{_SYMBOLS}]|[A-Z]{{3}} ?)?[0-9][0-9.,]*(?: ?%| ?[A-Z]{{3}}| ?[{_SYMBOLS}])?"
# One pass takes a decorated cell apart: "(US$ -1 234,50 %)" -> open, sign, number, close.
_DECORATED = (
    rf"^(?P<open>\()?\s*(?P<s1>[+-])?\s*(?:{_CUR_PRE})?\s*(?P<s2>[+-])?\s*"
    r"(?P<num>[.,]?\d(?:[\d.,'\u2019\u00a0\u202f ]*[\d.,])?(?:[eE][+-]?\d+)?)"
    rf"\s*%?\s*(?:{_CUR_SUF})?\s*%?\s*(?P<close>\))?$"
)
_EVIDENCE_SAMPLE = 20_000
_EXPONENT = r"[eE][+-]?\d+$"
_VALID = {
    ".": r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d*)?(?:[eE][+-]?\d+)?",
    ",": r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d*)(?:,\d*)?(?:[eE][+-]?\d+)?",
}
_MACHINE = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$"


def to_float(text: pd.Series) -> np.ndarray:
    """float64 of cells that are machine numbers (`412.5`, ` 900 `, `1.2E+04`), NaN elsewhere.

    In pyarrow's C++ kernels (a regex, then a cast): `pd.to_numeric` on strings was the slowest
    step of a million-row import (about half of parsing).
    """
    if len(text) == 0:
        return np.empty(0, dtype="float64")
    arr = pc.utf8_trim_whitespace(pa.array(text.astype(str), type=pa.string()))
    ok = pc.fill_null(pc.match_substring_regex(arr, _MACHINE), False)
    values = pc.cast(pc.if_else(ok, arr, pa.scalar("0")), pa.float64())
    return np.where(ok.to_numpy(zero_copy_only=False), values.to_numpy(zero_copy_only=False), np.nan)


def blank_mask(series: pd.Series) -> pd.Series:
    """True where a cell is empty or a 'no value' token (`--`, `N/A`, ...): not an error."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    u = pd.Series(uniques, dtype=object).astype(str).str.strip().str.lower().isin(NULL_TOKENS)
    out = np.append(u.to_numpy(dtype=bool), True)[codes]  # code -1 (NaN/None) -> blank
    return pd.Series(out, index=series.index)


def _clean(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Strip decoration; return (cleaned text, blank mask, negative-in-parentheses mask).

    Plain cells (digits and separators only, the vast majority) skip it; the others go
    through one regex that captures sign, number and parentheses around currency and `%`.
    A cell that does not fit is kept as is: it fails validation later and is reported.
    """
    s = values.astype(str).str.strip()
    plain = s.str.fullmatch(r"[0-9][0-9.,]*").to_numpy(dtype=bool).copy()
    blank = np.zeros(len(s), dtype=bool)
    paren = np.zeros(len(s), dtype=bool)
    if not plain.all():
        simple = s.str.fullmatch(_SIMPLE).to_numpy(dtype=bool) & ~plain
        if simple.any():  # "$1,234.56", "US$12", "9,38%", "1.234,56 EUR": strip the ends
            s = s.astype(object)
            s[simple] = s[simple].str.strip(_SYMBOLS + "% ABCDEFGHIJKLMNOPQRSTUVWXYZ").to_numpy(dtype=object)
            s = s.astype(str)
            plain |= simple
    if not plain.all():
        r = s[~plain].str.replace("\u2212", "-", regex=False)
        blank[~plain] = r.str.lower().isin(NULL_TOKENS).to_numpy(dtype=bool)
        parts = r.str.extract(_DECORATED)
        paren[~plain] = (parts["open"].notna() & parts["close"].notna()).to_numpy(dtype=bool)
        unbalanced = parts["open"].notna() != parts["close"].notna()
        num = parts["num"].str.replace(r"[\s'\u2019]", "", regex=True)
        sign = parts["s1"].fillna(parts["s2"]).fillna("")
        cleaned = (sign + num).where(parts["num"].notna() & ~unbalanced, r)
        s = s.astype(object)
        s[~plain] = cleaned.to_numpy(dtype=object)
        s = s.astype(str)
    return s, pd.Series(blank, index=s.index), pd.Series(paren, index=s.index)


def _votes(cleaned: pd.Series) -> tuple[int, int]:
    """(values proving a decimal comma, values proving a decimal point) in a cleaned column."""
    if len(cleaned) > _EVIDENCE_SAMPLE:  # evenly spaced sample: a column is rarely mixed
        step = len(cleaned) / _EVIDENCE_SAMPLE
        cleaned = cleaned.iloc[(np.arange(_EVIDENCE_SAMPLE) * step).astype(np.int64)]
    s = cleaned[cleaned.str.contains(r"[.,]", regex=True) & cleaned.str.contains(r"\d", regex=True)]
    if s.empty:
        return 0, 0
    exp = s.str.contains(_EXPONENT, regex=True).to_numpy(dtype=bool)
    mant = s.str.replace(_EXPONENT, "", regex=True).str.lstrip("+-") if exp.any() else s.str.lstrip("+-")
    commas = mant.str.count(",").to_numpy(dtype=np.int64)
    dots = mant.str.count(r"\.").to_numpy(dtype=np.int64)
    last_c = mant.str.rfind(",").to_numpy(dtype=np.int64)
    last_d = mant.str.rfind(".").to_numpy(dtype=np.int64)
    length = mant.str.len().to_numpy(dtype=np.int64)
    # a leading 0 ("0,125") or an exponent ("1,202E+17": Excel never groups a mantissa)
    # make a single separator a decimal mark even with three digits after it
    certain = mant.str.match(r"^0?[.,]").to_numpy(dtype=bool) | exp
    both = (commas > 0) & (dots > 0)
    only_c, only_d = (commas > 0) & (dots == 0), (dots > 0) & (commas == 0)
    comma_votes = (both & (last_c > last_d)) | (only_d & (dots > 1)) | (
        only_c & (commas == 1) & (((length - last_c - 1) != 3) | certain))
    dot_votes = (both & (last_d > last_c)) | (only_c & (commas > 1)) | (
        only_d & (dots == 1) & (((length - last_d - 1) != 3) | certain))
    return int(comma_votes.sum()), int(dot_votes.sum())


def detect_decimal(cleaned: pd.Series, decimal_hint: str | None = None) -> str:
    """Decide from a column's cleaned values whether its decimal mark is `.` or `,`."""
    n_comma, n_dot = _votes(cleaned)
    if n_comma != n_dot:
        return "," if n_comma > n_dot else "."
    return decimal_hint or "."


def _convert(cleaned: pd.Series, decimal: str) -> pd.Series:
    """Validate grouping for the locale and convert to float (NaN when invalid).

    Digit-only cells (counts) skip validation and go straight to `to_numeric`.
    """
    out = pd.Series(np.nan, index=cleaned.index, dtype="float64")
    digits = cleaned.str.isdigit().to_numpy(dtype=bool)
    if digits.any():
        out[digits] = to_float(cleaned[digits])
    if digits.all():
        return out
    rest = cleaned[~digits]
    valid = rest.str.fullmatch(_VALID[decimal]) & rest.str.contains(r"\d", regex=True)
    text = rest.str.replace("," if decimal == "." else ".", "", regex=False)
    if decimal == ",":
        text = text.str.replace(",", ".", regex=False)
    out[~digits] = to_float(text.where(valid, ""))
    return out


def parse_numbers(
    series: pd.Series, decimal_hint: str | None = None, decimal: str | None = None
) -> tuple[pd.Series, pd.Series]:
    """Parse a column; return (float64 values, blank mask). `decimal` forces the mark.

    Blank cells are NaN with blank=True; NaN with blank=False means unreadable. Cells that
    are already machine numbers (`412.5`, `900`, `1.2E+04`) take pandas' C converter; only
    the rest (separators, symbols, blanks) take the string path.
    """
    for name, mark in (("decimal_hint", decimal_hint), ("decimal", decimal)):
        if mark not in (None, ".", ","):
            raise ValueError(f"{name} must be None, '.' or ',', got {mark!r}")
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    u = pd.Series(uniques, dtype=object).astype(str)
    direct = to_float(u)
    fast = np.isfinite(direct)
    values = np.where(fast, direct, np.nan)
    blank = np.zeros(len(u), dtype=bool)
    slow = ~fast
    cleaned, slow_blank, paren = _clean(u[slow])
    blank[slow] = slow_blank.to_numpy(dtype=bool)
    if decimal is None:
        evidence = pd.concat([cleaned[~slow_blank], u[fast]], ignore_index=True)
        decimal = detect_decimal(evidence, decimal_hint)
    if decimal == "," and fast.any():  # "1.250" read by C as 1.25 is 1250 in this column
        dotted = np.zeros(len(u), dtype=bool)
        dotted[fast] = u[fast].str.contains(".", regex=False).to_numpy(dtype=bool)
        if dotted.any():
            values[dotted] = _convert(u[dotted], ",").to_numpy(dtype="float64")
    if slow.any():
        converted = _convert(cleaned, decimal).to_numpy(dtype="float64")
        converted = np.where(paren.to_numpy(dtype=bool), -np.abs(converted), converted)
        values[slow] = np.where(slow_blank.to_numpy(dtype=bool), np.nan, converted)
    parsed = np.append(values, np.nan)[codes]
    is_blank = np.append(blank, True)[codes]
    return (pd.Series(parsed, index=series.index, dtype="float64"),
            pd.Series(is_blank, index=series.index))


def parse_number_series(series: pd.Series, decimal_hint: str | None = None) -> pd.Series:
    """Parse a column of exported numbers to float64 (NaN for blanks and unparseable cells).

    Use `blank_mask` (or `parse_numbers`) to tell a blank from garbage.
    """
    return parse_numbers(series, decimal_hint)[0]


def parse_number(text: object, decimal_hint: str | None = None) -> float | None:
    """Parse one exported number; None for blanks and unparseable text.

    A lone value is its own column: `"1,250"` is 1250.0 unless `decimal_hint=","`.
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    value = parse_number_series(pd.Series([str(text)], dtype=object), decimal_hint).iloc[0]
    return None if np.isnan(value) else float(value)


def column_decimal(series: pd.Series, sample: int = _EVIDENCE_SAMPLE) -> str | None:
    """The decimal mark a column's values prove (`.` or `,`), or None when they are ambiguous.

    Looks at the distinct values among `sample` evenly spaced cells: cheap enough to run
    over every numeric column of a file to pick a file-wide hint for the ambiguous ones.
    """
    if len(series) > sample:
        series = series.iloc[(np.arange(sample) * (len(series) / sample)).astype(np.int64)]
    uniques = pd.Series(pd.unique(series.dropna().astype(str)), dtype=object)
    cleaned, blank, _paren = _clean(uniques)
    n_comma, n_dot = _votes(cleaned[~blank])
    return None if n_comma == n_dot else ("," if n_comma > n_dot else ".")


def per_unique(series: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply a vectorised string function once per distinct value, then broadcast back.

    Missing cells (code -1 from `factorize`) stay missing: indexing with -1 would silently give
    them the result of the last distinct value.
    """
    codes, uniques = pd.factorize(series)
    if len(uniques) == 0:
        return func(series)
    mapped = func(pd.Series(uniques, dtype=object)).to_numpy()
    if (codes < 0).any():
        mapped = np.append(mapped.astype(object), None)
    return pd.Series(mapped[codes], index=series.index)
