"""Entry point: bytes of an export in, `ParsedExport` out.

Auto-detection ranks the platforms whose required columns are all present by how many
headers only that platform writes (`columns.PLATFORM_MARKERS`), then by how many canonical
fields resolved; ties go to the order meta, google_ads, tiktok. A file no platform can read
raises `UnknownFormatError` naming, per platform, the columns expected and the columns found.
"""

from __future__ import annotations

from types import ModuleType
from typing import Literal

from creative_pipeline.performance.models import ParsedExport, UnknownFormatError
from creative_pipeline.performance.parsers import google_ads, meta, tiktok
from creative_pipeline.performance.parsers.columns import (
    EXPECTED_HEADERS,
    PLATFORM_ALIASES,
    ColumnMap,
    map_columns,
    marker_score,
)
from creative_pipeline.performance.parsers.common import RawExport
from creative_pipeline.performance.parsers.sniff import Sniffed, read_table, sniff

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


def parse_export(
    data: bytes,
    platform: Literal["meta", "google_ads", "tiktok", "auto"] = "auto",
    source_name: str = "",
) -> ParsedExport:
    """Parse an ad-platform export (CSV/TSV bytes, any common encoding) into canonical rows."""
    if platform != "auto" and platform not in PARSERS:
        raise ValueError(f"unknown platform {platform!r}; expected one of {sorted(PARSERS)} or 'auto'")
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
    usecols = sorted(set(colmap.fields.values()) | {0})
    frame, notes = read_table(data, sniffed, usecols)
    raw = RawExport(platform, frame, colmap, sniffed, source_name, notes)
    return PARSERS[platform].parse(raw)
