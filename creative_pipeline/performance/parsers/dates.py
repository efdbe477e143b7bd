"""Dates as ad platforms write them, parsed per column and per distinct value.

Formats: ISO `2026-11-03` (with or without a time part), `2026/11/03`, `2026.11.03`,
`20261103`, `Nov 3, 2026`, `November 3, 2026`, `Tue, Nov 3, 2026`, `3 Nov 2026`, numeric
`11/03/2026` vs `03/11/2026` vs `03.11.2026`, two-digit years, and Excel serial days (`46329`).

Day-first vs month-first is decided for the whole column (like the decimal mark in
`numbers.py`): a first part above 12 means day-first, a second part above 12 means month-first;
with no evidence `.` separators read day-first (de-DE writes `03.11.2026`), otherwise the hint,
otherwise month-first (en-US, the platforms' default).

A cell may hold a range (`2026-11-01 - 2026-11-23`, `2026-11-01~2026-11-23`, `... to ...`):
`parse_date_range_series` splits it; single dates give start == end.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

DATE_DTYPE = "datetime64[s]"
_RANGE_SPLIT = r"\s*~\s*|\s+[-\u2013\u2014]\s+|\s+to\s+|\s*[\u2013\u2014]\s*"
_NUMERIC = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})$")
_TEXT_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%b %d, %Y", "%B %d, %Y", "%a, %b %d, %Y",
    "%A, %B %d, %Y", "%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%d-%b-%y", "%b %d %Y", "%B %Y", "%b %Y", "%Y-%m",
)
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def _numeric_order(values: pd.Series, dayfirst_hint: bool | None) -> bool:
    """Decide day-first for the column's d/m/y-shaped values."""
    parts = values.str.extract(_NUMERIC.pattern)
    if parts.dropna().empty:
        return bool(dayfirst_hint)
    first, second = parts[0].dropna().astype(int), parts[2].dropna().astype(int)
    if (first > 12).any():
        return True
    if (second > 12).any():
        return False
    if (parts[1].dropna() == ".").all():
        return True
    return bool(dayfirst_hint)


_TIME_PART = r"[T ]\d{1,2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$"


def column_dayfirst(series: pd.Series, dayfirst_hint: bool | None = None) -> bool:
    """The day-first decision a column's values prove (ranges split, times dropped), else the
    hint: taken once on a sample spread over a streamed file, then handed to every batch."""
    uniques = pd.Series(pd.unique(series.astype(str).str.strip()), dtype=object).astype(str)
    if uniques.empty:
        return bool(dayfirst_hint)
    parts = uniques.str.split(_RANGE_SPLIT, n=1, regex=True, expand=True)
    text = pd.concat([parts[c].dropna().astype(str) for c in parts.columns], ignore_index=True)
    return _numeric_order(text.str.replace(_TIME_PART, "", regex=True).str.strip(), dayfirst_hint)


def _parse_unique(values: pd.Series, dayfirst_hint: bool | None) -> pd.Series:
    """Parse distinct, stripped date strings; NaT where nothing fits."""
    text = values.str.replace(_TIME_PART, "", regex=True).str.replace(r"\s+", " ", regex=True).str.strip()
    text = text.str.replace(r"(?i)^(\w{3})\.", r"\1", regex=True)  # "Nov. 3, 2026"
    out = pd.Series(pd.NaT, index=values.index, dtype=DATE_DTYPE)
    for fmt in _TEXT_FORMATS:
        todo = out.isna()
        if not todo.any():
            return out
        out[todo] = pd.to_datetime(text[todo], format=fmt, errors="coerce").astype(DATE_DTYPE)
    compact = out.isna() & text.str.fullmatch(r"\d{8}")
    if compact.any():
        out[compact] = pd.to_datetime(text[compact], format="%Y%m%d", errors="coerce").astype(DATE_DTYPE)
    dayfirst = _numeric_order(text[out.isna()], dayfirst_hint)
    for sep in "/.-":
        for year in ("%Y", "%y"):
            fmt = f"%d{sep}%m{sep}{year}" if dayfirst else f"%m{sep}%d{sep}{year}"
            todo = out.isna()
            if todo.any():
                out[todo] = pd.to_datetime(text[todo], format=fmt, errors="coerce").astype(DATE_DTYPE)
    serial = out.isna() & text.str.fullmatch(r"[2-6]\d{4}(\.0+)?")
    if serial.any():
        days = pd.to_numeric(text[serial]).astype("int64")
        out[serial] = (_EXCEL_EPOCH + pd.to_timedelta(days, unit="D")).astype(DATE_DTYPE)
    return out


def parse_date_series(series: pd.Series, dayfirst_hint: bool | None = None) -> pd.Series:
    """Parse a date column to datetime64 (midnight); NaT for blanks and unparseable cells."""
    codes, uniques = pd.factorize(series.astype(str).str.strip(), use_na_sentinel=True)
    if len(uniques) == 0:
        return pd.Series(pd.NaT, index=series.index, dtype=DATE_DTYPE)
    parsed = _parse_unique(pd.Series(uniques, dtype=object).astype(str), dayfirst_hint)
    values = np.append(parsed.to_numpy(), np.datetime64("NaT"))[codes]
    return pd.Series(values, index=series.index).astype(DATE_DTYPE)


def parse_date_range_series(
    series: pd.Series, dayfirst_hint: bool | None = None
) -> tuple[pd.Series, pd.Series]:
    """Parse cells holding a date or a range of dates into (start, end), per distinct cell."""
    codes, uniques = pd.factorize(series.astype(str).str.strip(), use_na_sentinel=True)
    if len(uniques) == 0:
        empty = pd.Series(pd.NaT, index=series.index, dtype=DATE_DTYPE)
        return empty, empty.copy()
    text = pd.Series(uniques, dtype=object).astype(str)
    parts = text.str.split(_RANGE_SPLIT, n=1, regex=True, expand=True)
    if parts.shape[1] == 1:
        start_u = parse_date_series(text, dayfirst_hint)
        end_u = start_u
    else:
        start_text = parts[0].fillna("")
        end_text = parts[1].where(parts[1].notna() & (parts[1] != ""), start_text)
        both = parse_date_series(pd.concat([start_text, end_text], ignore_index=True), dayfirst_hint)
        start_u, end_u = both.iloc[: len(text)], both.iloc[len(text):]  # one day-first decision
    nat = np.datetime64("NaT")
    start = np.append(start_u.to_numpy(), nat)[codes]
    end = np.append(end_u.to_numpy(), nat)[codes]
    return (pd.Series(start, index=series.index).astype(DATE_DTYPE),
            pd.Series(end, index=series.index).astype(DATE_DTYPE))


def range_in_text(text: str, dayfirst_hint: bool | None = None) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """A reporting window written in free text: a Google preamble line
    (`November 1, 2026 - November 23, 2026`) or a file name (`report_2026-11-01_2026-11-23.csv`).
    """
    cleaned = text.strip().strip('"').strip().rstrip(",;\t").strip().strip('"')
    start, end = parse_date_range_series(pd.Series([cleaned]), dayfirst_hint)
    if pd.notna(start.iloc[0]) and pd.notna(end.iloc[0]) and end.iloc[0] >= start.iloc[0]:
        return start.iloc[0], end.iloc[0]
    iso = re.findall(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)", text)
    if len(iso) == 2:
        days = pd.to_datetime(["-".join(parts) for parts in iso], errors="coerce")
        if days.notna().all() and days[1] >= days[0]:
            return days[0], days[1]
    return None
