"""What a whole file adds up to, batch after batch: counts, rejected rows, warnings, currencies.

The importer never holds the rows of a file, only this tally; `collect` also concatenates the
rows, for callers that want the whole `ParsedExport` (tests, small files).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from creative_pipeline.performance.models import ROW_COLUMNS, ParsedExport, RejectedRow, empty_rows

if TYPE_CHECKING:
    from creative_pipeline.performance.parsers.detect import ExportStream

#: rejected rows kept with their line, column and reason; beyond this they are counted only, so a
#: file whose every line is wrong still imports in bounded memory and says how many were wrong
MAX_REJECTED_KEPT = 10_000


class ExportTally:
    """Adds up the batches of one export."""

    def __init__(self, stream: ExportStream, keep_rejected: int = MAX_REJECTED_KEPT) -> None:
        self.stream = stream
        self.keep_rejected = keep_rejected
        self.rows_read = 0
        self.accepted = 0
        self.skipped_summary_rows = 0
        self.rejected_count = 0
        self.rejected: list[RejectedRow] = []
        self.currencies: set[str] = set()
        self.ad_names: set[str] = set()
        self._warnings: dict[str, None] = {}

    def add(self, batch: ParsedExport) -> ParsedExport:
        """Count one batch in (and hand it back, so a loop can write its rows)."""
        self.rows_read += batch.rows_read
        self.accepted += len(batch.rows)
        self.skipped_summary_rows += batch.skipped_summary_rows
        self.rejected_count += len(batch.rejected)
        room = self.keep_rejected - len(self.rejected)
        if room > 0:
            self.rejected.extend(batch.rejected[:room])
        self.currencies.update(batch.rows["currency"].dropna().unique().tolist())
        self.ad_names.update(batch.rows["ad_name"].unique().tolist())
        self._warnings.update(dict.fromkeys(batch.warnings))
        return batch

    def warnings(self, duplicates: int = 0) -> list[str]:
        notes = list(self._warnings) + [w for w in self.stream.reading.summary() if w not in self._warnings]
        if len(self.currencies) > 1:
            notes.append(f"mixed currencies in one export: {', '.join(sorted(self.currencies))}")
        if duplicates:
            notes.append(f"{duplicates} row(s) repeat an (ad name, date range) already seen, e.g. the same ad "
                         "name in two campaigns; `collapse_duplicates` sums them")
        if self.rejected_count > len(self.rejected):
            notes.append(f"{self.rejected_count} rows rejected; the first {len(self.rejected)} are listed")
        return notes

    def parsed(self, rows: pd.DataFrame | None = None, duplicates: int = 0) -> ParsedExport:
        """The file as one `ParsedExport` (its rows only when given)."""
        stream = self.stream
        return ParsedExport(
            platform=stream.platform, rows_read=self.rows_read, rows=empty_rows() if rows is None else rows,
            rejected=list(self.rejected), skipped_summary_rows=self.skipped_summary_rows,
            currency=next(iter(self.currencies)) if len(self.currencies) == 1 else None,
            warnings=self.warnings(duplicates), encoding=stream.sniffed.encoding,
            delimiter=stream.sniffed.delimiter, source_name=stream.source_name,
        )


def collect(stream: ExportStream, batches: list[ParsedExport]) -> ParsedExport:
    """Every batch in one `ParsedExport`, with the whole-file warnings (duplicates, currencies)."""
    tally = ExportTally(stream, keep_rejected=10**12)
    for batch in batches:
        tally.add(batch)
    frames = [b.rows for b in batches if len(b.rows)]
    rows = pd.concat(frames, ignore_index=True)[list(ROW_COLUMNS)] if frames else empty_rows()
    duplicates = int(rows.duplicated(["ad_name", "date_start", "date_end"]).sum()) if len(rows) else 0
    return tally.parsed(rows, duplicates)
