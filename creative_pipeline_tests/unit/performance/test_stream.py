"""A streamed export reads exactly as the whole file does: rows, line numbers, decisions, rejects."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from creative_pipeline.performance.copy_format import rows_csv
from creative_pipeline.performance.parsers.collect import ExportTally, collect
from creative_pipeline.performance.parsers.detect import open_export, parse_export

FIXTURES = Path(__file__).parents[2] / "fixtures" / "performance"
EXPORTS = sorted(p.name for p in FIXTURES.iterdir() if not p.name.startswith("insights"))


def streamed(data: bytes | Path, block_bytes: int, source_name: str = ""):
    stream = open_export(data, "auto", source_name, block_bytes=block_bytes)
    batches = list(stream.batches())
    return collect(stream, batches), len(batches)


@pytest.mark.parametrize("name", EXPORTS)
def test_every_fixture_reads_the_same_in_tiny_batches(name: str) -> None:
    whole = parse_export(FIXTURES / name, source_name=name)
    small, n_batches = streamed(FIXTURES / name, block_bytes=256, source_name=name)
    assert n_batches >= 1
    pd.testing.assert_frame_equal(small.rows, whole.rows)
    assert [(r.source_row, r.column, r.reason) for r in small.rejected] == \
        [(r.source_row, r.column, r.reason) for r in whole.rejected]
    assert (small.rows_read, small.skipped_summary_rows, small.currency) == \
        (whole.rows_read, whole.skipped_summary_rows, whole.currency)


def test_line_numbers_survive_blank_short_and_long_lines_across_batches() -> None:
    lines = ["Ad name,Day,Amount spent (USD),Impressions,Link clicks"]
    for i in range(300):
        lines.append(f"ad {i},2026-11-03,1.50,100,2")
        if i % 50 == 7:
            lines.append("")  # blank
        if i % 70 == 9:
            lines.append(f"long {i},2026-11-03,1.50,100,2,EXTRA")
        if i % 90 == 11:
            lines.append(f"short {i},2026-11-03")
    data = ("\n".join(lines) + "\n").encode()
    parsed, n_batches = streamed(data, block_bytes=1024)
    assert n_batches > 5
    expected = {line.split(",")[0]: number for number, line in enumerate(lines, start=1) if line}
    got = dict(zip(parsed.rows["ad_name"], parsed.rows["source_row"]))
    got.update({r.raw["Ad name"]: r.source_row for r in parsed.rejected})
    del expected["Ad name"]
    assert got == expected  # every row, kept or rejected, carries its own line
    short = parsed.rows[parsed.rows["ad_name"].str.startswith("short")]
    assert len(short) == 4 and (short["impressions"] == 0).all()  # missing cells read as blank, i.e. 0
    assert any("more cells than the header" in w for w in parsed.warnings)
    assert any("fewer cells than the header" in w for w in parsed.warnings)


def test_day_order_and_decimal_mark_are_decided_for_the_whole_file(tmp_path: Path) -> None:
    """A date-sorted day-first export whose first batches only hold days 1-12 (ambiguous; the
    default would be month-first) and whose spend proves its decimal comma only late (`1,250`
    is ambiguous; the default would be 1250): every batch reads as the whole file proves."""
    lines = ["Ad name,Day,Amount spent (EUR),Impressions,Link clicks"]
    for day in range(1, 29):
        for i in range(200):
            spend = '"1,250"' if day < 20 else '"3,5"'
            lines.append(f"ad {i},{day:02d}/11/2026,{spend},100,2")
    path = tmp_path / "eu.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parsed, n_batches = streamed(path, block_bytes=16 << 10)
    assert n_batches > 5
    assert parsed.rows["date_start"].dt.month.unique().tolist() == [11]
    assert parsed.rows["date_start"].dt.day.nunique() == 28
    assert set(parsed.rows["spend"].unique()) == {1.25, 3.5}  # decimal comma everywhere, also batch one


def test_rejected_rows_name_line_column_and_reason() -> None:
    data = (b"Ad name,Day,Amount spent (USD),Impressions,Link clicks\n"
            b"good,2026-11-03,1.50,100,2\nbad,2026-11-03,lots,100,2\nworse,someday,1.00,-5,1\n")
    parsed = parse_export(data)
    assert parsed.rows["ad_name"].tolist() == ["good"]
    bad, worse = parsed.rejected
    assert (bad.source_row, bad.column) == (3, "Amount spent (USD)") and "unreadable number" in bad.reason
    assert worse.source_row == 4 and worse.column is not None and "'-5'" in worse.reason and "date" in worse.reason


def test_a_tally_counts_every_batch_and_the_copy_csv_round_trips(tmp_path: Path) -> None:
    lines = ["Ad name,Day,Amount spent (USD),Impressions,Link clicks"]
    lines += [f"ad {i % 7},2026-11-{1 + i % 28:02d},\"1,234.5{i % 10}\",{i},{i % 3}" for i in range(2000)]
    stream = open_export(("\n".join(lines) + "\n").encode(), block_bytes=4096)
    tally = ExportTally(stream)
    csv = b"".join(rows_csv(tally.add(batch).rows) for batch in stream.batches())
    assert (tally.rows_read, tally.accepted, tally.rejected_count) == (2000, 2000, 0)
    assert tally.ad_names == {f"ad {i}" for i in range(7)}
    first = csv.split(b"\n")[0].decode()
    assert first == '"ad 0",2026-11-01,2026-11-01,0,0,1234.5,"USD",0,'  # no revenue column -> NULL for COPY
