"""Read an export's body in batches with pyarrow's streaming CSV reader, as string columns.

Why pyarrow: its C++ tokenizer reads a block (`BLOCK_BYTES`) at a time from a file or a buffer,
so a million-row export is never held as Python objects — only one batch of strings at a time
(pyarrow 26.0.1, `pyarrow.csv.open_csv`; `ParseOptions.invalid_row_handler` is documented on
arrow.apache.org's pyarrow.csv.ParseOptions page, read 2026-12-04). Why `use_threads=False`: tried
on pyarrow 26.0.1, only the serial reader reports the line number of a malformed line
(`InvalidRow.number` is None otherwise), and the importer's other core is busy with PostgreSQL.
With `ignore_empty_lines=False` a blank line comes back as a row of empty cells (tried, same
version), which is what keeps the numbering exact.

Line numbers (`source_row`) are 1-based lines of the file, one record per line (a quoted cell
spanning lines, which no platform writes, would shift later numbers). Blank lines are read as
rows (`ignore_empty_lines=False`) so numbering stays exact, then dropped. A line with more cells
than the header is kept with its extra cells ignored (trailing delimiters are common), one with
fewer is padded with blanks — both as pandas did before, and counted in a warning.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from creative_pipeline.performance.parsers.sniff import Sniffed

BLOCK_BYTES = 8 << 20  # ~55k rows of a Meta export per batch: memory stays flat, batches stay few
_CHECK_BYTES = 1 << 20
SAMPLE_CHUNKS, SAMPLE_BYTES = 64, 32 << 10  # 2 MiB of lines spread over the file

Source = bytes | Path | BinaryIO


def open_source(source: Source) -> BinaryIO:
    """A binary stream over bytes (no copy), a path, or an already open file."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return io.BytesIO(source)
    if isinstance(source, Path):
        return open(source, "rb")  # noqa: SIM115 - the caller closes it
    source.seek(0)
    return source


def head_bytes(source: Source, size: int) -> bytes:
    """The first `size` bytes: what `sniff` looks at."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source[:size])
    stream = open_source(source)
    try:
        return stream.read(size)
    finally:
        if isinstance(source, Path):
            stream.close()


def is_valid_utf8(source: Source) -> bool:
    """Decode the whole file in 1 MiB steps without keeping the text: a file that is UTF-8 in
    its head but not later (a cp1252 ad name deep in the file) is read as Windows-1252."""
    stream = open_source(source)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := stream.read(_CHECK_BYTES):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        return True
    except UnicodeDecodeError:
        return False
    finally:
        if isinstance(source, Path):
            stream.close()


@dataclass
class ReadNotes:
    """What reading noticed about the lines, for the import's warnings."""

    long_lines: int = 0
    short_lines: int = 0
    notes: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        out = list(self.notes)
        if self.long_lines:
            out.append(f"{self.long_lines} line(s) had more cells than the header; the extra cells were ignored")
        if self.short_lines:
            out.append(f"{self.short_lines} line(s) had fewer cells than the header; the missing cells read as blank")
        return out


def _reshaped(texts: list[tuple[int, str]], sniffed: Sniffed, names: list[str], keep: list[int],
              notes: ReadNotes) -> pd.DataFrame:
    """Malformed lines (wrong cell count) parsed by the csv module, cut or padded to the header."""
    width = len(names)
    records = []
    for number, text in texts:
        cells = next(csv.reader([text], delimiter=sniffed.delimiter), [])
        if len(cells) > width:
            notes.long_lines += 1
        else:
            notes.short_lines += 1
        cells = (cells + [""] * width)[:width]
        records.append([number] + [cells[i] for i in keep])
    return pd.DataFrame(records, columns=["source_row"] + [names[i] for i in keep]).astype(
        {names[i]: str for i in keep})


def iter_tables(
    source: Source, sniffed: Sniffed, usecols: list[int] | None = None, *, encoding: str | None = None,
    notes: ReadNotes | None = None, block_bytes: int = BLOCK_BYTES,
) -> Iterator[pd.DataFrame]:
    """Yield the body as string frames (`source_row`, `c<i>` columns), blank lines dropped."""
    notes = notes if notes is not None else ReadNotes()
    names = [f"c{i}" for i in range(len(sniffed.header))]
    keep = sorted(set(usecols)) if usecols is not None else list(range(len(names)))
    invalid: list[tuple[int, str]] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        invalid.append((int(row.number), row.text))
        return "skip"

    stream = open_source(source)
    reader = pacsv.open_csv(
        stream,
        read_options=pacsv.ReadOptions(use_threads=False, block_size=block_bytes, skip_rows=sniffed.header_index + 1,
                                       column_names=names, encoding=_arrow_encoding(encoding or sniffed.encoding)),
        parse_options=pacsv.ParseOptions(delimiter=sniffed.delimiter, quote_char='"', ignore_empty_lines=False,
                                         invalid_row_handler=on_invalid),
        convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=False,
                                             quoted_strings_can_be_null=False, include_columns=[names[i] for i in keep]),
    )
    next_line = sniffed.header_index + 2
    try:
        for batch in reader:
            n = batch.num_rows
            skipped = np.array(sorted(number for number, _ in invalid if number >= next_line), dtype=np.int64)
            span = np.arange(next_line, next_line + n + len(skipped), dtype=np.int64)
            lines = span[~np.isin(span, skipped)][:n]
            frame = batch.to_pandas()
            frame.insert(0, "source_row", lines)
            if invalid:  # the malformed lines up to this batch's last line belong to it
                cutoff = int(lines[-1]) if n else next_line + len(skipped) - 1
                mine = [item for item in invalid if item[0] <= cutoff]
                invalid[:] = [item for item in invalid if item[0] > cutoff]
                frame = pd.concat([frame, _reshaped(mine, sniffed, names, keep, notes)], ignore_index=True)
            next_line = int(lines[-1]) + 1 if n else next_line + len(skipped)
            frame = _drop_blank(frame)
            if len(frame):
                yield frame.reset_index(drop=True)
        if invalid:  # malformed lines after the last good one
            frame = _drop_blank(_reshaped(invalid, sniffed, names, keep, notes))
            invalid.clear()
            if len(frame):
                yield frame.reset_index(drop=True)
    finally:
        if isinstance(source, Path):
            stream.close()


def _drop_blank(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop rows whose every cell is blank: test the first cell, then only those rows."""
    data_cols = [c for c in frame.columns if c != "source_row"]
    if not data_cols or not len(frame):
        return frame
    maybe = frame[data_cols[0]].str.len().to_numpy() == 0
    if not maybe.any():
        return frame
    sub = frame.loc[maybe, data_cols]
    empty = np.zeros(len(frame), dtype=bool)
    empty[maybe] = sub.apply(lambda col: col.str.strip() == "").all(axis=1).to_numpy()
    return frame[~empty]


def _arrow_encoding(encoding: str) -> str:
    """pyarrow decodes UTF-8 natively (BOM included) and other encodings through Python codecs."""
    return "utf8" if encoding in ("utf-8", "utf-8-sig") else encoding


def body_encoding(source: Source, sniffed: Sniffed, notes: ReadNotes) -> str:
    """The encoding to read the body with: the sniffed one, unless a file that looked like UTF-8
    is not UTF-8 after its head (then Windows-1252, said in a warning)."""
    if sniffed.encoding == "utf-8" and not is_valid_utf8(source):
        notes.notes.append("file is not valid UTF-8; decoded as Windows-1252")
        return "cp1252"
    return sniffed.encoding


def read_all(source: Source, sniffed: Sniffed, usecols: list[int] | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Every batch of `iter_tables` in one frame, and the reading notes."""
    notes = ReadNotes()
    encoding = body_encoding(source, sniffed, notes)
    frames = list(iter_tables(source, sniffed, usecols, encoding=encoding, notes=notes))
    if frames:
        frame = pd.concat(frames, ignore_index=True)
    else:
        cols = sorted(set(usecols)) if usecols is not None else range(len(sniffed.header))
        frame = pd.DataFrame({"source_row": pd.Series(dtype="int64"), **{f"c{i}": pd.Series(dtype=str) for i in cols}})
    return frame, notes.summary()


def spread_sample(source: Source, sniffed: Sniffed, usecols: list[int] | None, encoding: str,
                  first_batch_bytes: int = BLOCK_BYTES, chunks: int = SAMPLE_CHUNKS,
                  chunk_bytes: int = SAMPLE_BYTES) -> pd.DataFrame | None:
    """Whole lines from `chunks` evenly spaced places of a large file, as a string frame.

    Why: a file's decimal marks and day order are decided once, from evidence spread over the
    whole file (as pandas did when it held the file), not from its first batch alone, which a
    date-sorted export fills with days 1-12. Only for encodings whose newline is one byte.
    """
    if not encoding.replace("-", "").lower().startswith(("utf8", "cp", "latin", "iso8859", "ascii")):
        return None
    stream = open_source(source)
    try:
        size = stream.seek(0, io.SEEK_END)
        if size <= first_batch_bytes:
            return None  # the first batch is the whole file
        lines: list[bytes] = []
        for k in range(1, chunks + 1):
            stream.seek(size * k // (chunks + 1))
            lines.extend(stream.read(chunk_bytes).split(b"\n")[1:-1])  # drop the cut lines at both ends
    finally:
        if isinstance(source, Path):
            stream.close()
    body = b"\n".join(line for line in lines if line.strip()) + b"\n"
    frames = list(iter_tables(body, replace(sniffed, header_index=-1), usecols, encoding=encoding))
    return pd.concat(frames, ignore_index=True) if frames else None
