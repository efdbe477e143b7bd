"""Parsed rows as the CSV that PostgreSQL's `COPY ... (format csv)` reads, written by pyarrow.

Why CSV through pyarrow: its C++ writer turns a batch of 55k rows into COPY input in a few
milliseconds, where `DataFrame.to_csv` takes about a second; nulls are written as empty unquoted
fields, which `COPY` reads as NULL (an empty string would be written `""`). Dates go as `date32`
(`2026-11-03`), money as the shortest float text that round-trips (`1158.04`), so the `numeric`
columns receive exactly the number the export showed.
"""

from __future__ import annotations

import io

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from creative_pipeline.performance.matching import NAME_COLUMNS

#: the columns of one import's staging table, in COPY order
STAGED_COLUMNS: tuple[str, ...] = ("ad_name", "date_start", "date_end", "impressions", "clicks", "spend",
                                   "currency", "conversions", "revenue")
_STAGED_SCHEMA = pa.schema([
    ("ad_name", pa.string()), ("date_start", pa.date32()), ("date_end", pa.date32()), ("impressions", pa.int64()),
    ("clicks", pa.int64()), ("spend", pa.float64()), ("currency", pa.string()), ("conversions", pa.float64()),
    ("revenue", pa.float64()),
])
_NAMES_SCHEMA = pa.schema([("ad_name", pa.string()), ("creative_name", pa.string()), ("variant", pa.int32())])
_OPTIONS = pacsv.WriteOptions(include_header=False, quoting_style="needed")


def _csv(frame: pd.DataFrame, schema: pa.Schema) -> bytes:
    table = pa.Table.from_pandas(frame[list(schema.names)], preserve_index=False)
    table = pa.Table.from_arrays([table[n].cast(schema.field(n).type) for n in schema.names], schema=schema)
    out = io.BytesIO()
    pacsv.write_csv(table, out, _OPTIONS)
    return out.getvalue()


def rows_csv(rows: pd.DataFrame) -> bytes:
    """A batch of parsed rows (`ROW_COLUMNS`) as COPY input for the staging table."""
    return _csv(rows, _STAGED_SCHEMA) if len(rows) else b""


def names_csv(names: pd.DataFrame) -> bytes:
    """`matching.name_matches` as COPY input for the import's ad-name table."""
    assert tuple(names.columns) == NAME_COLUMNS
    return _csv(names, _NAMES_SCHEMA) if len(names) else b""
