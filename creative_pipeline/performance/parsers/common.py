"""What every platform parser shares: summary-row skipping, metrics, currency, rejection.

A platform parser only decides what is platform-specific (where dates come from, how revenue
is derived) and hands `finish` the pieces; `finish` applies one set of rules to all platforms:

- summary rows (no ad name, or `Total: ...` / `Total of 12 ads` / `Total` in a label column)
  are skipped and counted, not rejected;
- a blank metric cell is 0; an unreadable one rejects the row, naming column and value;
- negative impressions, clicks or spend reject the row; conversions and revenue may be
  negative (platforms report retractions that way);
- a missing or unreadable date, or an end before the start, rejects the row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from creative_pipeline.performance.models import ROW_COLUMNS, ParsedExport, RejectedRow, empty_rows
from creative_pipeline.performance.parsers.columns import ColumnMap
from creative_pipeline.performance.parsers.numbers import column_decimal, parse_numbers
from creative_pipeline.performance.parsers.sniff import Sniffed

TOTAL_PATTERN = r"(?i)^\s*totals?(?:\s*:|\s+of\b|\s*$)"
METRICS = ("impressions", "clicks", "spend", "conversions", "revenue", "roas")
NON_NEGATIVE = ("impressions", "clicks", "spend")
_SYMBOL_CODES = {
    "US$": "USD", "CA$": "CAD", "C$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD",
    "HK$": "HKD", "S$": "SGD", "R$": "BRL", "MX$": "MXN", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₹": "INR", "₩": "KRW", "₺": "TRY", "₽": "RUB", "zł": "PLN", "₪": "ILS", "฿": "THB",
    "₱": "PHP", "₫": "VND", "$": "USD",
}


@dataclass
class RawExport:
    """A sniffed, read export plus its column map: the input of a platform parser."""

    platform: str
    frame: pd.DataFrame
    colmap: ColumnMap
    sniffed: Sniffed
    source_name: str = ""
    warnings: list[str] = field(default_factory=list)

    def has(self, fld: str) -> bool:
        return fld in self.colmap.fields

    def col(self, fld: str) -> pd.Series:
        return self.frame[f"c{self.colmap.fields[fld]}"]

    def header(self, fld: str) -> str:
        return self.colmap.header_of(fld)

    @property
    def dayfirst_hint(self) -> bool | None:
        """`;`-separated files come from day-first locales."""
        return True if self.sniffed.delimiter == ";" else None


def per_unique(series: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply a vectorised string function once per distinct value, then broadcast back."""
    codes, uniques = pd.factorize(series)
    if len(uniques) == 0:
        return func(series)
    mapped = func(pd.Series(uniques, dtype=object)).to_numpy()
    return pd.Series(mapped[codes], index=series.index)


def summary_mask(raw: RawExport, label_fields: tuple[str, ...] = ()) -> pd.Series:
    """Totals rows: no ad name, or a `Total...` label in the name, first or label column."""
    name = raw.col("ad_name")
    mask = per_unique(name, lambda s: s.str.strip().isin(["", "--", "-", "(not set)"])).astype(bool)
    columns = {raw.colmap.fields["ad_name"], 0} | {
        raw.colmap.fields[f] for f in label_fields if raw.has(f)
    }
    for i in columns:
        if f"c{i}" in raw.frame:
            mask |= per_unique(raw.frame[f"c{i}"], lambda s: s.str.match(TOTAL_PATTERN)).astype(bool)
    return mask


def column_marks(raw: RawExport) -> dict[str, str]:
    """Decimal mark per numeric column: its own evidence, else what the other columns prove
    (majority), else `,` for `;`-separated files, else `.`."""
    own = {f: column_decimal(raw.col(f)) for f in METRICS if raw.has(f)}
    proven = [m for m in own.values() if m]
    if proven:
        hint = max(set(proven), key=proven.count)
    else:
        hint = "," if raw.sniffed.delimiter == ";" else "."
    return {f: mark or hint for f, mark in own.items()}


def currency_from_values(text: pd.Series) -> pd.Series:
    """ISO code from a symbol or code written in money cells (`US$1,234.56`, `1.234,56 EUR`)."""
    def _codes(u: pd.Series) -> pd.Series:
        token = u.str.strip().str.extract(
            r"^[+-]?\(?\s*([A-Z]{3}|[A-Za-z]{0,3}\$|[€£¥₹₩₺₽₪฿₱₫]|zł)|([A-Z]{3}|[€£¥₹₩₺₽₪฿₱₫]|zł)\)?$"
        )
        found = token[0].fillna(token[1])
        return found.map(lambda t: _SYMBOL_CODES.get(t, t if isinstance(t, str) and t.isupper()
                                                     and len(t) == 3 else None))
    return per_unique(text, _codes)


def resolve_currency(raw: RawExport) -> tuple[pd.Series, list[str]]:
    """Per-row currency: currency column, else header code, else symbols in the spend cells."""
    n = len(raw.frame)
    notes: list[str] = []
    if raw.has("currency"):
        cur = per_unique(raw.col("currency"), lambda s: s.str.strip().str.upper())
        cur = cur.where(~cur.isin(["", "--", "N/A"]), None)
    else:
        cur = pd.Series([None] * n, index=raw.frame.index, dtype=object)
    if raw.colmap.header_currency:
        cur = cur.fillna(raw.colmap.header_currency)
    if cur.isna().any() and raw.has("spend"):
        from_values = currency_from_values(raw.col("spend"))
        bare_dollar = per_unique(raw.col("spend"), lambda s: s.str.contains(r"(?<![A-Za-z])\$"))
        if bool((bare_dollar.astype(bool) & cur.isna()).any()):
            notes.append("spend written with a bare '$': currency assumed to be USD")
        cur = cur.fillna(from_values)
    return cur.astype(object).where(cur.notna(), None), notes


def parse_metrics(raw: RawExport) -> tuple[dict[str, pd.Series], list[tuple[pd.Series, str, str]]]:
    """Parse every mapped metric. Returns (values with blanks as NaN, [(bad mask, field, why)])."""
    marks = column_marks(raw)
    values: dict[str, pd.Series] = {}
    problems: list[tuple[pd.Series, str, str]] = []
    for fld, mark in marks.items():
        parsed, blank = parse_numbers(raw.col(fld), decimal=mark)
        problems.append((parsed.isna() & ~blank, fld, "unreadable number"))
        if fld in NON_NEGATIVE:
            problems.append((parsed < 0, fld, "negative value"))
        values[fld] = parsed
    return values, problems


def _reasons(raw: RawExport, bad: np.ndarray, problems: list[tuple[pd.Series, str, str]]) -> list[RejectedRow]:
    """Human-readable reasons; the one loop over rows, and only over rejected ones."""
    headers = {f"c{i}": h for i, h in enumerate(raw.colmap.headers)}
    positions = np.flatnonzero(bad)
    masks = [(np.asarray(m, dtype=bool), fld, why) for m, fld, why in problems]
    out: list[RejectedRow] = []
    for pos in positions:
        row = raw.frame.iloc[pos]
        parts = []
        for mask, fld, why in masks:
            if mask[pos]:
                column = raw.header(fld) if raw.has(fld) else fld
                cell = row[f"c{raw.colmap.fields[fld]}"] if raw.has(fld) else ""
                parts.append(f"{why} in column '{column}': {cell!r}")
        raw_cells = {headers[c]: str(row[c]) for c in raw.frame.columns if c in headers}
        out.append(RejectedRow(source_row=int(row["source_row"]), reason="; ".join(parts), raw=raw_cells))
    return out


def finish(
    raw: RawExport,
    *,
    skip: pd.Series,
    values: dict[str, pd.Series],
    problems: list[tuple[pd.Series, str, str]],
    start: pd.Series,
    end: pd.Series,
    date_field: str,
    revenue: pd.Series | None,
) -> ParsedExport:
    """Apply the shared rules and assemble the `ParsedExport`."""
    notes = list(raw.sniffed.warnings) + list(raw.warnings)
    problems = problems + [
        (start.isna(), date_field, "missing or unreadable date"),
        (end.isna() & start.notna(), "date_end" if raw.has("date_end") else date_field,
         "missing or unreadable end date"),
        (end < start, "date_end" if raw.has("date_end") else date_field, "end date before start"),
    ]
    keep = ~skip.to_numpy(dtype=bool)
    bad = np.zeros(len(raw.frame), dtype=bool)
    for mask, _fld, _why in problems:
        bad |= np.asarray(mask, dtype=bool)
    bad &= keep
    rejected = _reasons(raw, bad, problems)
    ok = keep & ~bad
    currency, currency_notes = resolve_currency(raw)
    notes += currency_notes
    zero = pd.Series(0.0, index=raw.frame.index)
    if "conversions" not in values:
        notes.append("no conversions column: conversions recorded as 0")
    rows = pd.DataFrame({
        "source_row": raw.frame["source_row"].astype("int64"),
        "ad_name": per_unique(raw.col("ad_name"), lambda s: s.str.strip()).astype(object),
        "date_start": start.astype("datetime64[s]"),
        "date_end": end.astype("datetime64[s]"),
        "impressions": values.get("impressions", zero).fillna(0).round(),
        "clicks": values.get("clicks", zero).fillna(0).round(),
        "spend": values.get("spend", zero).fillna(0.0).astype("float64"),
        "currency": currency,
        "conversions": values.get("conversions", zero).fillna(0.0).astype("float64"),
        "revenue": (revenue.astype("float64") if revenue is not None
                    else pd.Series(np.nan, index=raw.frame.index)),
        "platform": pd.Series(raw.platform, index=raw.frame.index, dtype=object),
    })[ok]
    rows = rows.astype({"impressions": "int64", "clicks": "int64"}).reset_index(drop=True)
    rows = rows[list(ROW_COLUMNS)] if len(rows) else empty_rows()
    codes = sorted({c for c in rows["currency"].dropna().unique()})
    if len(codes) > 1:
        notes.append(f"mixed currencies in one export: {', '.join(codes)}")
    dupes = int(rows.duplicated(["ad_name", "date_start", "date_end"]).sum()) if len(rows) else 0
    if dupes:
        notes.append(f"{dupes} row(s) repeat an (ad name, date range) already seen, e.g. the same ad "
                     "name in two campaigns; `collapse_duplicates` sums them")
    return ParsedExport(
        platform=raw.platform, rows_read=len(raw.frame), rows=rows, rejected=rejected,
        skipped_summary_rows=int((~keep).sum()), currency=codes[0] if len(codes) == 1 else None,
        warnings=notes, encoding=raw.sniffed.encoding, delimiter=raw.sniffed.delimiter,
        source_name=raw.source_name,
    )


def collapse_duplicates(rows: pd.DataFrame) -> pd.DataFrame:
    """Sum rows sharing (platform, ad name, dates, currency): the storage key is unique."""
    keys = ["platform", "ad_name", "date_start", "date_end", "currency"]
    grouped = rows.groupby(keys, dropna=False, sort=False)
    agg = grouped.agg(
        source_row=("source_row", "min"), impressions=("impressions", "sum"),
        clicks=("clicks", "sum"), spend=("spend", "sum"), conversions=("conversions", "sum"),
    )
    agg["revenue"] = grouped["revenue"].sum(min_count=1)
    return agg.reset_index()[list(ROW_COLUMNS)]
