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

import numpy as np
import pandas as pd

from creative_pipeline.performance.models import ROW_COLUMNS, ParsedExport, RejectedRow, empty_rows
from creative_pipeline.performance.parsers.columns import ColumnMap
from creative_pipeline.performance.parsers.currency import resolve_currency
from creative_pipeline.performance.parsers.numbers import column_decimal, parse_numbers, per_unique
from creative_pipeline.performance.parsers.sniff import Sniffed

TOTAL_PATTERN = r"(?i)^\s*totals?(?:\s*:|\s+of\b|\s*$)"
METRICS = ("impressions", "clicks", "spend", "conversions", "revenue", "roas")
NON_NEGATIVE = ("impressions", "clicks", "spend")
# Every field is bounded before it reaches the database, so one bad cell rejects its row (with
# line and reason) instead of aborting the whole import: ad names are indexed (a btree row holds
# ~2.7 kB), counts are bigint, money columns are numeric(14, 4).
AD_NAME_MAX_CHARS = 512
MAX_ABS: dict[str, float] = {"impressions": 1e15, "clicks": 1e15, "spend": 1e10, "conversions": 1e10,
                             "revenue": 1e10, "roas": 1e6}
RAW_CELL_MAX_CHARS = 200


@dataclass
class RawExport:
    """A sniffed, read export plus its column map: the input of a platform parser."""

    platform: str
    frame: pd.DataFrame
    colmap: ColumnMap
    sniffed: Sniffed
    source_name: str = ""
    warnings: list[str] = field(default_factory=list)
    # Decisions taken once per file (from a sample spread over it, `detect.ExportStream`), so every
    # batch of a streamed file reads `1,250` and `03/11/2026` the same way. None: decide here.
    marks: dict[str, str] | None = None
    dayfirst: bool | None = None

    def has(self, fld: str) -> bool:
        return fld in self.colmap.fields

    def col(self, fld: str) -> pd.Series:
        return self.frame[f"c{self.colmap.fields[fld]}"]

    def header(self, fld: str) -> str:
        return self.colmap.header_of(fld)

    @property
    def dayfirst_hint(self) -> bool | None:
        """The file's decision when taken; else `;`-separated files come from day-first locales."""
        if self.dayfirst is not None:
            return self.dayfirst
        return True if self.sniffed.delimiter == ";" else None


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
    (majority), else `,` for `;`-separated files, else `.`. A streamed file's batches all use the
    marks decided on its sample (`raw.marks`)."""
    if raw.marks is not None:
        return {f: raw.marks[f] for f in METRICS if raw.has(f) and f in raw.marks}
    own = {f: column_decimal(raw.col(f)) for f in METRICS if raw.has(f)}
    proven = [m for m in own.values() if m]
    if proven:
        hint = max(set(proven), key=proven.count)
    else:
        hint = "," if raw.sniffed.delimiter == ";" else "."
    return {f: mark or hint for f, mark in own.items()}


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
        if fld in MAX_ABS:
            problems.append((parsed.abs() >= MAX_ABS[fld], fld, f"number out of range (limit {MAX_ABS[fld]:.0e})"))
        values[fld] = parsed
    return values, problems


def _reasons(
    raw: RawExport, bad: np.ndarray, problems: list[tuple[pd.Series, str, str]]
) -> list[RejectedRow]:
    """Human-readable reasons, built column-wise over the rejected rows only (a file whose
    every row is wrong must still come back in seconds, with every row explained)."""
    if not bad.any():
        return []
    frame = raw.frame[bad]
    reasons = pd.Series("", index=frame.index, dtype=object)
    first = pd.Series(None, index=frame.index, dtype=object)  # the first column at fault
    for mask, fld, why in problems:
        hit = np.asarray(mask, dtype=bool)[bad]
        if not hit.any():
            continue
        column = raw.header(fld) if raw.has(fld) else fld
        cell = (frame[f"c{raw.colmap.fields[fld]}"][hit] if raw.has(fld)
                else pd.Series("", index=frame.index[hit]))
        text = f"{why} in column '{column}': " + cell.map(_short_repr).astype(object)
        first[hit] = first[hit].where(first[hit].notna(), column)
        reasons[hit] = np.where(reasons[hit] == "", text, reasons[hit] + "; " + text)
    headers = {f"c{i}": h for i, h in enumerate(raw.colmap.headers)}
    cells = frame[[c for c in frame.columns if c in headers]].rename(columns=headers).map(_clip).to_dict("records")
    return [RejectedRow(source_row=int(r), column=col, reason=why, raw=c)
            for r, col, why, c in zip(frame["source_row"], first, reasons, cells)]


def _clip(value: object) -> object:
    """A rejected row's cell as kept in the report: a 5 MB cell must not make a 5 MB report."""
    if isinstance(value, str) and len(value) > RAW_CELL_MAX_CHARS:
        return value[:RAW_CELL_MAX_CHARS] + f"… ({len(value)} characters)"
    return value


def _short_repr(value: object) -> str:
    return repr(_clip(value))


def revenue_from(values: dict[str, pd.Series]) -> pd.Series | None:
    """Revenue as exported, else spend x ROAS (Meta and TikTok export ROAS as a ratio), else
    unknown (None: ROAS insights then skip these rows rather than count them as zero)."""
    if "revenue" in values:
        return values["revenue"].fillna(0.0)
    if "roas" in values:
        return values["spend"].fillna(0.0) * values["roas"].fillna(0.0)
    return None


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
    name_length = raw.col("ad_name").fillna("").astype(str).str.strip().str.len()
    problems = problems + [
        (name_length > AD_NAME_MAX_CHARS, "ad_name", f"ad name longer than {AD_NAME_MAX_CHARS} characters, skipped"),
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
