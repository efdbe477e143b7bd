"""Turn an export's bytes into a table of strings: encoding, delimiter, preamble, header.

Only the head of the file (64 KiB) is decoded in Python to find the shape; the body is read in
batches by pyarrow's streaming reader (`stream.py`), so a million-row export is never copied as
one big `str`. The header is the line (within the first 60) and delimiter whose cells match the most
known column names (`columns.known_headers`): that skips Google's preamble (`Ad report`,
`November 1, 2026 - November 23, 2026`) and picks `;` for European exports and tab for
Google's UTF-16 "Excel CSV" in one go.

`source_row` is the 1-based line number of a record, counted as one record per line (a quoted
cell spanning lines, which no platform writes, would shift later numbers).
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass, field

import pandas as pd

from creative_pipeline.performance.parsers.columns import known_headers, normalize_header

HEAD_BYTES = 64 * 1024
HEADER_SEARCH_LINES = 60
DELIMITERS = (",", ";", "\t", "|")
_LINE_SPLIT = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Sniffed:
    """The shape of an export: how to read it and what came before the header."""

    encoding: str
    delimiter: str
    header_index: int  # 0-based line of the header
    header: list[str]
    preamble: list[str]
    header_score: int
    warnings: list[str] = field(default_factory=list)


def detect_encoding(data: bytes) -> str:
    """BOMs first, then the NUL-byte pattern of BOM-less UTF-16, then UTF-8, then cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        return "utf-32"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    head = data[:4096]
    if len(head) >= 4:
        even_nuls, odd_nuls = head[0::2].count(0), head[1::2].count(0)
        half = len(head) // 2
        if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
            return "utf-16-le"
        if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
            return "utf-16-be"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data[:HEAD_BYTES], final=False)
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def decode_head(data: bytes, encoding: str) -> list[str]:
    """Decode the first HEAD_BYTES and split into complete lines."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    text = decoder.decode(data[:HEAD_BYTES], final=len(data) <= HEAD_BYTES)
    lines = _LINE_SPLIT.split(text)
    if len(data) > HEAD_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut mid-way
    return lines


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return line.split(delimiter)


def find_header(lines: list[str]) -> tuple[int, str, int]:
    """Return (line index, delimiter, score) of the line that looks most like a header."""
    known = known_headers()
    best = (0, ",", 0, 0)  # index, delimiter, score, n_cells
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        if not line.strip():
            continue
        for delimiter in DELIMITERS:
            cells = _cells(line, delimiter)
            score = sum(normalize_header(c)[0] in known for c in cells)
            if (score, len(cells)) > (best[2], best[3]):
                best = (index, delimiter, score, len(cells))
    if best[2] >= 2:
        return best[0], best[1], best[2]
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    sample = "\n".join(lines[first: first + 20])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        delimiter = ","
    return first, delimiter, best[2] if best[0] == first else 0


def sniff(data: bytes) -> Sniffed:
    """Find encoding, delimiter and header line of an export."""
    encoding = detect_encoding(data)
    lines = decode_head(data, encoding)
    index, delimiter, score = find_header(lines)
    header = [c.replace("\ufeff", "").strip() for c in _cells(lines[index], delimiter)] if lines else []
    preamble = [line for line in lines[:index] if line.strip()]
    return Sniffed(encoding, delimiter, index, header, preamble, score)


def read_table(
    data: bytes, sniffed: Sniffed, usecols: list[int] | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """The whole body as one string frame (`source_row`, `c<i>`): for small files and tests; the
    importer streams it instead (`stream.iter_tables`)."""
    from creative_pipeline.performance.parsers.stream import read_all  # stream imports this module

    return read_all(data, sniffed, usecols)
