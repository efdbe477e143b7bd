"""Entry point: an export (bytes, a path, a binary file) in; a stream of `ParsedExport` batches out.

Auto-detection ranks the platforms whose required columns are all present by how many
headers only that platform writes (`columns.PLATFORM_MARKERS`), then by how many canonical
fields resolved; ties go to the order meta, google_ads, tiktok. A file no platform can read
raises `UnknownFormatError` naming, per platform, the columns expected and the columns found.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from types import ModuleType

import pandas as pd

from creative_pipeline.performance.models import ParsedExport, PlatformChoice, UnknownFormatError, empty_rows
from creative_pipeline.performance.parsers import google_ads, meta, tiktok
from creative_pipeline.performance.parsers.columns import (
    EXPECTED_HEADERS,
    PLATFORM_ALIASES,
    ColumnMap,
    map_columns,
    marker_score,
)
from creative_pipeline.performance.parsers.collect import collect
from creative_pipeline.performance.parsers.common import RawExport, column_marks
from creative_pipeline.performance.parsers.dates import column_dayfirst
from creative_pipeline.performance.parsers.sniff import HEAD_BYTES, Sniffed, sniff
from creative_pipeline.performance.parsers.stream import (
    BLOCK_BYTES,
    ReadNotes,
    Source,
    body_encoding,
    head_bytes,
    iter_tables,
    spread_sample,
)

PARSERS: dict[str, ModuleType] = {"meta": meta, "google_ads": google_ads, "tiktok": tiktok}
LABELS = {"meta": "Meta Ads Manager", "google_ads": "Google Ads", "tiktok": "TikTok Ads"}


def missing_fields(platform: str, colmap: ColumnMap, sniffed: Sniffed, source_name: str = "") -> list[str]:
    """Required fields the header lacks, described by their accepted aliases."""
    module = PARSERS[platform]
    aliases = PLATFORM_ALIASES[platform]
    missing = [f"{f} ({' / '.join(repr(a) for a in aliases[f])})"
               for f in module.REQUIRED if f not in colmap.fields]
    has_dates = any(f in colmap.fields for f in module.DATE_SOURCES)
    window = getattr(module, "report_window", None)
    if not has_dates and not (window and window(sniffed.preamble, source_name)):
        options = [repr(a) for f in module.DATE_SOURCES for a in aliases[f]]
        missing.append(f"a date ({' / '.join(options)})")
    return missing


def _message(sniffed: Sniffed, source_name: str, candidates: dict[str, list[str]]) -> str:
    what = f"'{source_name}'" if source_name else "the file"
    if len(candidates) == 1:
        lines = [f"{what[0].upper()}{what[1:]} does not look like a {LABELS[next(iter(candidates))]} export."]
    else:
        lines = [f"Could not recognise {what} as an ad-platform export."]
    for platform, missing in candidates.items():
        lines.append(f"- {LABELS[platform]}: expected columns like {', '.join(EXPECTED_HEADERS[platform])}; "
                     f"missing {'; '.join(missing)}")
    found = ", ".join(repr(h) for h in sniffed.header) or "(no header line)"
    lines.append(f"Found columns: {found} (delimiter {sniffed.delimiter!r}, encoding {sniffed.encoding}, "
                 f"header on line {sniffed.header_index + 1})")
    return "\n".join(lines)


def detect_platform(sniffed: Sniffed, source_name: str = "") -> tuple[str, ColumnMap]:
    """Pick the platform that can read this header; UnknownFormatError when none can."""
    ranked: list[tuple[int, int, int, str, ColumnMap]] = []
    candidates: dict[str, list[str]] = {}
    for order, platform in enumerate(PARSERS):
        colmap = map_columns(platform, sniffed.header)
        missing = missing_fields(platform, colmap, sniffed, source_name)
        candidates[platform] = missing
        if not missing:
            markers = marker_score(platform, sniffed.header)
            ranked.append((markers, len(colmap.fields), -order, platform, colmap))
    if not ranked:
        raise UnknownFormatError(_message(sniffed, source_name, candidates))
    best = max(ranked, key=lambda r: r[:3])
    return best[3], best[4]


DATE_FIELDS = ("date", "date_start", "date_end", "week", "month")


@dataclass
class ExportStream:
    """A recognised export, read batch by batch: each batch is a `ParsedExport` of its rows.

    The decimal mark of every metric column and the day order of the date columns are decided
    once, on the first batch plus lines spread over the file (`stream.spread_sample`), and every
    batch is read with them: a streamed file reads as one file.
    """

    source: Source
    sniffed: Sniffed
    platform: str
    colmap: ColumnMap
    source_name: str = ""
    block_bytes: int = BLOCK_BYTES
    reading: ReadNotes = field(default_factory=ReadNotes)

    def batches(self) -> Iterator[ParsedExport]:
        module = PARSERS[self.platform]
        usecols = sorted(set(self.colmap.fields.values()) | {0})
        encoding = body_encoding(self.source, self.sniffed, self.reading)
        decided: tuple[dict[str, str], bool | None] | None = None
        for frame in iter_tables(self.source, self.sniffed, usecols, encoding=encoding, notes=self.reading,
                                 block_bytes=self.block_bytes):
            if decided is None:
                sample = spread_sample(self.source, self.sniffed, usecols, encoding, self.block_bytes)
                decided = self._decide(frame if sample is None else pd.concat([frame, sample], ignore_index=True))
            raw = RawExport(self.platform, frame, self.colmap, self.sniffed, self.source_name, [], *decided)
            yield module.parse(raw)

    def _decide(self, sample: pd.DataFrame) -> tuple[dict[str, str], bool | None]:
        raw = RawExport(self.platform, sample, self.colmap, self.sniffed, self.source_name)
        dates = [raw.col(f) for f in DATE_FIELDS if raw.has(f)]
        dayfirst = column_dayfirst(pd.concat(dates, ignore_index=True), raw.dayfirst_hint) if dates else None
        return column_marks(raw), dayfirst

    def empty(self) -> ParsedExport:
        """What a file with no data rows parses to."""
        return ParsedExport(platform=self.platform, rows_read=0, rows=empty_rows(), encoding=self.sniffed.encoding,
                            delimiter=self.sniffed.delimiter, source_name=self.source_name,
                            warnings=list(self.sniffed.warnings))


def open_export(
    source: Source, platform: PlatformChoice = "auto", source_name: str = "", block_bytes: int = BLOCK_BYTES,
) -> ExportStream:
    """Recognise an export (bytes, a path or a binary file) from its head; read nothing else yet."""
    if platform != "auto" and platform not in PARSERS:
        raise ValueError(f"unknown platform {platform!r}; expected one of {sorted(PARSERS)} or 'auto'")
    data = head_bytes(source, HEAD_BYTES + 1)
    if not data or not data.strip(b"\x00\r\n\t \xef\xbb\xbf\xff\xfe"):
        raise UnknownFormatError(f"{source_name or 'the file'} is empty")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnknownFormatError(f"{source_name or 'the file'} is an Excel workbook (.xlsx/.xls), not CSV: "
                                 "download the report as CSV (Google Ads: 'Excel CSV' or 'CSV')")
    sniffed = sniff(data)
    if platform == "auto":
        platform, colmap = detect_platform(sniffed, source_name)
    else:
        colmap = map_columns(platform, sniffed.header)
        missing = missing_fields(platform, colmap, sniffed, source_name)
        if missing:
            raise UnknownFormatError(_message(sniffed, source_name, {platform: missing}))
    return ExportStream(source, sniffed, platform, colmap, source_name, block_bytes)


def parse_export(data: Source, platform: PlatformChoice = "auto", source_name: str = "") -> ParsedExport:
    """Parse a whole export (CSV/TSV, any common encoding) into one `ParsedExport`: for small
    files and tests; the importer streams `open_export(...).batches()` instead."""
    stream = open_export(data, platform, source_name)
    return collect(stream, list(stream.batches()))
