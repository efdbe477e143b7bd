"""Encoding, delimiter and header sniffing, and dates as platforms write them."""

from __future__ import annotations

import codecs
from datetime import date

import pandas as pd
import pytest

from creative_pipeline.performance.parsers.columns import map_columns, normalize_header
from creative_pipeline.performance.parsers.dates import parse_date_range_series, parse_date_series, range_in_text
from creative_pipeline.performance.parsers.sniff import detect_encoding, read_table, sniff

HEADER = "Ad name,Date,Cost,Impressions,Clicks (destination)"
BODY = "Café ad,2026-11-03,1.00,100,2"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + f"{HEADER}\n{BODY}\n".encode(), "utf-8-sig"),
        (f"{HEADER}\n{BODY}\n".encode(), "utf-8"),
        (f"{HEADER}\n{BODY}\n".encode("utf-16"), "utf-16"),
        (f"{HEADER}\n{BODY}\n".encode("utf-16-le"), "utf-16-le"),
        (f"{HEADER}\n{BODY}\n".encode("utf-16-be"), "utf-16-be"),
        (f"{HEADER}\n{BODY}\n".encode("cp1252"), "cp1252"),
    ],
)
def test_encoding_detection_and_read(data: bytes, encoding: str) -> None:
    assert detect_encoding(data) == encoding
    sniffed = sniff(data)
    frame, warnings = read_table(data, sniffed)
    assert sniffed.header[0] == "Ad name"
    assert frame.loc[0, "c0"] == "Café ad"
    assert frame.loc[0, "source_row"] == 2
    assert warnings == []


def test_non_utf8_after_the_head_falls_back_to_cp1252() -> None:
    filler = "".join(f"ad {i},2026-11-03,1.00,100,2\n" for i in range(5000))  # > 64 KiB
    data = f"{HEADER}\n{filler}Caf\xe9 late,2026-11-03,1.00,100,2\n".encode("cp1252")
    sniffed = sniff(data)
    assert sniffed.encoding == "utf-8"
    frame, warnings = read_table(data, sniffed)
    assert frame["c0"].iloc[-1] == "Café late"
    assert any("Windows-1252" in w for w in warnings)


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_sniffed(delimiter: str) -> None:
    lines = [HEADER.replace(",", delimiter), BODY.replace(",", delimiter)]
    sniffed = sniff("\n".join(lines).encode())
    assert sniffed.delimiter == delimiter
    assert len(sniffed.header) == 5


def test_preamble_skipped_and_line_numbers_kept() -> None:
    data = (
        '"Ad report"\n"November 1, 2026 - November 23, 2026"\n\n'
        "Day,Ad,Impr.,Clicks,Cost\n2026-11-03,x,1,0,0\n\n2026-11-04,y,2,0,0\n"
    ).encode()
    sniffed = sniff(data)
    assert sniffed.header_index == 3
    assert sniffed.preamble == ['"Ad report"', '"November 1, 2026 - November 23, 2026"']
    frame, _ = read_table(data, sniffed)
    assert frame["source_row"].tolist() == [5, 7]  # the blank line 6 is dropped, not renumbered
    assert frame["c1"].tolist() == ["x", "y"]


def test_lines_longer_than_the_header_are_kept() -> None:
    # trailing delimiters and stray extra cells: the header's columns are read, the rest ignored
    data = b"Ad name,Date,Cost,Impressions,Clicks\na,2026-11-03,1,10,1,\nb,2026-11-03,1,10,1,EXTRA\n"
    frame, _warnings = read_table(data, sniff(data))
    assert frame["c0"].tolist() == ["a", "b"]
    assert frame["c4"].tolist() == ["1", "1"]


def test_header_normalisation() -> None:
    assert normalize_header("Clicks（Destination）") == ("clicks (destination)", None)
    assert normalize_header("\ufeffAMOUNT  SPENT (usd)") == ("amount spent", "USD")
    assert normalize_header("Amount spent (JPY)") == ("amount spent", "JPY")
    assert normalize_header("Clicks (all)") == ("clicks (all)", None)  # not Albanian lek
    assert normalize_header("CTR (link click-through rate)")[0] == "ctr (link click-through rate)"


def test_alias_preference() -> None:
    colmap = map_columns("meta", ["Ad name", "Clicks (all)", "Link clicks", "Amount spent (EUR)"])
    assert colmap.header_of("clicks") == "Link clicks"
    assert colmap.header_currency == "EUR"


def test_date_formats() -> None:
    texts = ["2026-11-03", "2026/11/03", "Nov 3, 2026", "November 3, 2026", "Tue, Nov 3, 2026",
             "3 Nov 2026", "2026-11-03 00:00:00", "20261103", "46329", "2026.11.03"]
    parsed = parse_date_series(pd.Series(texts))
    assert parsed.dt.date.tolist() == [date(2026, 11, 3)] * len(texts)
    assert parse_date_series(pd.Series(["", "2026-13-45", "soon"])).isna().all()


def test_day_first_is_decided_per_column() -> None:
    us = parse_date_series(pd.Series(["11/03/2026", "11/13/2026"]))
    eu = parse_date_series(pd.Series(["03/11/2026", "13/11/2026"]))
    de = parse_date_series(pd.Series(["03.11.2026"]))
    assert us.dt.date.tolist() == [date(2026, 11, 3), date(2026, 11, 13)]
    assert eu.dt.date.tolist() == [date(2026, 11, 3), date(2026, 11, 13)]
    assert de.dt.date.tolist() == [date(2026, 11, 3)]
    assert parse_date_series(pd.Series(["03/11/2026"]), dayfirst_hint=True).dt.date.tolist() == [date(2026, 11, 3)]


def test_date_ranges() -> None:
    start, end = parse_date_range_series(pd.Series(["2026-11-01 - 2026-11-23", "2026-11-01~2026-11-07", "2026-11-03"]))
    assert start.dt.date.tolist() == [date(2026, 11, 1), date(2026, 11, 1), date(2026, 11, 3)]
    assert end.dt.date.tolist() == [date(2026, 11, 23), date(2026, 11, 7), date(2026, 11, 3)]
    window = range_in_text('"November 1, 2026 - November 23, 2026",,,')
    assert window is not None and (window[0].date(), window[1].date()) == (date(2026, 11, 1), date(2026, 11, 23))
    window = range_in_text("tiktok_report_20261101_20261123.csv")
    assert window is not None and window[1].date() == date(2026, 11, 23)
    assert range_in_text("Ad report") is None
