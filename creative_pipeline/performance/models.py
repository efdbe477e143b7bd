"""The result of parsing one ad-platform export, whatever the platform.

`ParsedExport.rows` has exactly `ROW_COLUMNS`, so matching, storage and insights never care
which platform a row came from. Dates are `datetime64[s]` at midnight (use `.dt.date` for
`datetime.date`); a day row has `date_start == date_end`, a row of an export without a day
breakdown spans its reporting window. Blank metric cells read as 0 (Meta leaves zero link
clicks blank, Google writes `--`); `revenue` is NaN only when the export has no revenue (or
ROAS) column at all, `conversions` is 0 with a warning when it has no conversions column
(the `performance_data.conversions` column is NOT NULL).
"""

from __future__ import annotations

from typing import Literal
from uuid import UUID

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

Platform = Literal["meta", "google_ads", "tiktok"]

ROW_COLUMNS: tuple[str, ...] = (
    "source_row", "ad_name", "date_start", "date_end", "impressions", "clicks", "spend",
    "currency", "conversions", "revenue", "platform",
)
ROW_DTYPES: dict[str, str] = {
    "source_row": "int64", "ad_name": "object", "date_start": "datetime64[s]",
    "date_end": "datetime64[s]", "impressions": "int64", "clicks": "int64", "spend": "float64",
    "currency": "object", "conversions": "float64", "revenue": "float64", "platform": "object",
}


class UnknownFormatError(ValueError):
    """The bytes are not an export we can read; the message lists expected and found columns."""


class RejectedRow(BaseModel):
    """A data row we could not accept, with the reason a person can act on."""

    source_row: int
    column: str | None = None  # the first column at fault, as the export names it
    reason: str
    raw: dict[str, str]


class ParsedExport(BaseModel):
    """One export, parsed: accepted rows, rejected rows with reasons, and what was skipped."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    platform: Platform
    rows_read: int = Field(ge=0, description="data rows after the header, blank lines excluded")
    rows: pd.DataFrame
    rejected: list[RejectedRow] = Field(default_factory=list)
    skipped_summary_rows: int = 0
    currency: str | None = None
    warnings: list[str] = Field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    source_name: str = ""

    def summary(self) -> dict[str, object]:
        """A JSON-able report, e.g. for `performance_imports.report`."""
        return {
            "platform": self.platform,
            "source_name": self.source_name,
            "rows_read": self.rows_read,
            "rows_accepted": int(len(self.rows)),
            "rows_rejected": len(self.rejected),
            "skipped_summary_rows": self.skipped_summary_rows,
            "currency": self.currency,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "warnings": list(self.warnings),
            "rejected_sample": [r.model_dump() for r in self.rejected[:20]],
        }


def empty_rows() -> pd.DataFrame:
    """A zero-row frame with the canonical columns and dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in ROW_DTYPES.items()})


PlatformChoice = Literal["meta", "google_ads", "tiktok", "auto"]


class ImportReport(BaseModel):
    """The outcome of importing one export, as `performance_imports.report` stores it."""

    import_id: UUID
    file_name: str
    platform: str
    status: Literal["done", "failed"]
    rows_read: int = 0
    imported: int = 0
    inserted: int = 0
    updated: int = 0
    replaced_overlapping: int = 0
    matched_rows: int = 0
    unmatched_rows: int = 0
    rejected_rows: int = 0
    skipped_summary_rows: int = 0
    unmatched_ad_names: list[str] = Field(default_factory=list)
    rejected: list[dict] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    error: str | None = None
    duplicates_summed: int = 0
    seconds: dict[str, float] = Field(default_factory=dict)  # where the time went: parse_and_stage, upsert
