"""Platform parsers against fixtures that reproduce what people actually download."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from creative_pipeline.domain.naming import parse_creative_name
from creative_pipeline.performance.models import ROW_COLUMNS, ROW_DTYPES, ParsedExport, UnknownFormatError
from creative_pipeline.performance.parsers.common import collapse_duplicates
from creative_pipeline.performance.parsers.detect import parse_export

FIXTURES = Path(__file__).parents[2] / "fixtures" / "performance"
W03 = "20261124_HOME_SOLO_DEMO_RELIEF_UGC_brightbrew-coffee_W03"


def load(name: str, platform: str = "auto") -> ParsedExport:
    return parse_export((FIXTURES / name).read_bytes(), platform=platform, source_name=name)  # type: ignore[arg-type]


def d(text: str) -> date:
    return date.fromisoformat(text)


def assert_contract(parsed: ParsedExport) -> None:
    """Every export, whatever the platform, yields exactly the canonical columns and dtypes."""
    assert tuple(parsed.rows.columns) == ROW_COLUMNS
    assert {c: str(t) for c, t in parsed.rows.dtypes.items()} == ROW_DTYPES
    assert parsed.rows_read == len(parsed.rows) + len(parsed.rejected) + parsed.skipped_summary_rows


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir() if not p.name.startswith("insights")))
def test_every_fixture_meets_the_row_contract(name: str) -> None:
    assert_contract(load(name))


def test_meta_daily_with_bom_totals_blanks_and_rejects() -> None:
    parsed = load("meta_daily_bom.csv")
    rows = parsed.rows
    assert (parsed.platform, parsed.currency, parsed.encoding) == ("meta", "USD", "utf-8-sig")
    assert parsed.rows_read == 9 and parsed.skipped_summary_rows == 1
    assert rows["ad_name"].tolist() == [
        W03, W03, f"{W03} - Copy",
        "20261124_OFFICE_DUO_COMPARE_TRUST_STATIC_brightbrew-coffee_W07_V2",
        "Black Friday retargeting (old)",
    ]
    assert rows["source_row"].tolist() == [3, 4, 5, 6, 7]
    # Day breakdown wins over the reporting window: day rows, start == end
    assert rows["date_start"].dt.date.tolist() == [d("2026-11-02"), d("2026-11-03"), d("2026-11-03"),
                                                   d("2026-11-02"), d("2026-11-04")]
    assert (rows["date_start"] == rows["date_end"]).all()
    assert rows["impressions"].tolist() == [40000, 38500, 1000, 62500, 21000]
    assert rows["clicks"].tolist() == [900, 850, 0, 1500, 40]  # blank link clicks = 0
    assert rows["spend"].tolist() == [412.5, 388.75, 10.0, 1250.0, 30.0]
    assert rows["conversions"].tolist() == [12.0, 10.0, 0.0, 20.0, 0.0]
    assert rows["revenue"].tolist() == [1080.0, 900.0, 0.0, 3750.5, 0.0]
    assert set(rows["currency"]) == {"USD"}
    reasons = {r.source_row: r.reason for r in parsed.rejected}
    assert reasons == {
        9: "unreadable number in column 'AMOUNT SPENT (USD)': 'abc'",
        10: "negative value in column 'impressions': '-5'",
        11: "missing or unreadable date in column 'Day': '2026-13-45'",
    }
    assert parsed.rejected[0].raw["Ad Name"] == "20261124_CAFE_GROUP_UNBOX_JOY_REEL_brightbrew-coffee_W01"
    # names with suffixes still resolve to the creative; the campaign name does not
    canon = [getattr(parse_creative_name(n), "canonical", None) for n in rows["ad_name"]]
    assert canon[:3] == [W03] * 3 and canon[4] is None


def test_meta_range_rows_and_roas_ratio() -> None:
    parsed = load("meta_range.csv")
    rows = parsed.rows
    assert parsed.currency == "GBP" and parsed.skipped_summary_rows == 1
    assert rows["date_start"].dt.date.tolist() == [d("2026-11-01"), d("2026-11-10"), d("2026-11-01")]
    assert rows["date_end"].dt.date.tolist() == [d("2026-11-23")] * 3
    # ROAS is a ratio: revenue = spend x ROAS; a blank ROAS means no purchase value
    assert rows["revenue"].tolist() == pytest.approx([3200.0, 750.0, 0.0])
    assert rows["impressions"].tolist() == [150000, 60000, 40000]
    assert rows["clicks"].tolist() == [3000, 800, 300]


def test_meta_european_semicolon_decimal_comma() -> None:
    parsed = load("meta_eu_semicolon.csv")
    rows = parsed.rows
    assert (parsed.delimiter, parsed.currency, parsed.skipped_summary_rows) == (";", "EUR", 1)
    # "98.765" alone is ambiguous; the file's "1.234,56" and "1,27" prove the decimal comma
    assert rows["impressions"].tolist() == [98765, 88885]
    assert rows["clicks"].tolist() == [1250, 1870]
    assert rows["spend"].tolist() == pytest.approx([1234.56, 1111.04])
    assert rows["revenue"].tolist() == pytest.approx([1234.56 * 3.10, 1111.04 * 2.58])


def test_google_ads_preamble_dashes_and_total_footers() -> None:
    parsed = load("google_ads_preamble.csv")
    rows = parsed.rows
    assert (parsed.platform, parsed.currency) == ("google_ads", "USD")
    assert parsed.rows_read == 8 and parsed.skipped_summary_rows == 3  # three "Total: ..." lines
    assert rows["source_row"].tolist() == [4, 5, 6, 7]
    assert rows["date_start"].dt.date.tolist() == [d("2026-11-03"), d("2026-11-04"), d("2026-11-03"), d("2026-11-05")]
    assert rows["impressions"].tolist() == [1200, 0, 2500, 800]
    assert rows["spend"].tolist() == [54.0, 0.0, 1250.5, 8.0]  # "$54.00", "US$1,250.50"
    assert rows["conversions"].tolist() == [3.0, 0.0, 0.0, 0.0]  # "--" = none
    assert rows["revenue"].tolist() == [120.0, 0.0, 0.0, 0.0]
    assert [(r.source_row, r.reason) for r in parsed.rejected] == [
        (8, "unreadable number in column 'Impr.': 'n/a?'")
    ]


def test_google_ads_utf16_tab_excel_variant() -> None:
    data = (FIXTURES / "google_ads_excel_utf16.csv").read_bytes()
    text = data[2:].decode("utf-16-le")
    for variant in (data, text.encode("utf-16-le"), text.encode("utf-16-be")):  # with and without BOM
        parsed = parse_export(variant)
        assert (parsed.platform, parsed.delimiter, parsed.currency) == ("google_ads", "\t", "EUR")
        assert parsed.skipped_summary_rows == 1
        assert parsed.rows["ad_name"].tolist()[2] == "20261124_CAFE_GROUP_UNBOX_JOY_REEL_brightbrew-coffee_W01"
        assert parsed.rows["impressions"].tolist() == [4000, 3000, 1000]
        assert parsed.rows["spend"].tolist() == [150.0, 90.0, 25.5]
        assert parsed.rows["conversions"].tolist() == [5.0, 0.0, 1.0]
        assert parsed.rows["source_row"].tolist() == [4, 5, 6]


def test_google_ads_without_day_uses_the_report_window() -> None:
    parsed = load("google_ads_no_day.csv")
    rows = parsed.rows
    assert parsed.currency == "EUR"  # from the € in the Cost cells
    assert rows["date_start"].dt.date.tolist() == [d("2026-11-01")] * 2
    assert rows["date_end"].dt.date.tolist() == [d("2026-11-23")] * 2
    assert rows["impressions"].tolist() == [12500, 3000]
    assert rows["spend"].tolist() == pytest.approx([1234.56, 12.5])
    assert rows["revenue"].tolist() == pytest.approx([456.7, 0.0])
    assert any("report window" in w for w in parsed.warnings)


def test_tiktok_fullwidth_headers_and_total_of_rows() -> None:
    parsed = load("tiktok_fullwidth.csv")
    rows = parsed.rows
    assert (parsed.platform, parsed.currency, parsed.skipped_summary_rows) == ("tiktok", "USD", 1)
    assert rows["clicks"].tolist() == [1700, 1200, 99]  # read from "Clicks（Destination）"
    assert rows["spend"].tolist() == pytest.approx([1020.4, 980.1, 99.5])  # "Total cost"
    assert rows["date_start"].dt.date.tolist() == [d("2026-11-03"), d("2026-11-04"), d("2026-11-04")]
    assert rows["revenue"].isna().all()  # no value column: unknown, not zero


def test_tiktok_newer_names_time_suffix_and_scientific_notation() -> None:
    parsed = load("tiktok_v2.csv")
    rows = parsed.rows
    assert (parsed.currency, parsed.skipped_summary_rows) == ("EUR", 1)
    assert rows["impressions"].tolist() == [12000, 1308000, 100]  # "1.2E+04" from Excel
    assert rows["date_start"].dt.date.tolist() == [d("2026-11-03"), d("2026-11-03"), d("2026-11-04")]
    assert rows["revenue"].tolist() == [480.0, 5520.0, 0.0]


def test_auto_detection_picks_each_platform() -> None:
    assert load("meta_range.csv").platform == "meta"
    assert load("google_ads_no_day.csv").platform == "google_ads"
    assert load("tiktok_v2.csv").platform == "tiktok"


def test_unknown_format_lists_expected_and_found_columns() -> None:
    with pytest.raises(UnknownFormatError) as err:
        parse_export(b"Name,When,Money\nx,2026-11-03,1\n", source_name="mystery.csv")
    message = str(err.value)
    assert "mystery.csv" in message and "Found columns: 'Name', 'When', 'Money'" in message
    for expected in ("Meta Ads Manager", "Reporting starts", "Google Ads", "Impr.", "TikTok Ads",
                     "Clicks (destination)"):
        assert expected in message


def test_explicit_platform_that_does_not_fit() -> None:
    with pytest.raises(UnknownFormatError, match=r"not look like a TikTok Ads export(.|\n)*a date \("):
        load("meta_range.csv", platform="tiktok")
    with pytest.raises(UnknownFormatError, match="empty"):
        parse_export(b"")
    with pytest.raises(ValueError, match="unknown platform"):
        parse_export(b"x", platform="snapchat")  # type: ignore[arg-type]


def test_cp1252_meta_export() -> None:
    data = ("Ad name,Reporting starts,Reporting ends,Amount spent (EUR),Impressions,Link clicks\n"
            "Caf\xe9 cr\xe8me promo,2026-11-01,2026-11-02,10.00,1000,10\n").encode("cp1252")
    parsed = parse_export(data)
    assert parsed.encoding == "cp1252"
    assert parsed.rows["ad_name"].tolist() == ["Café crème promo"]
    assert parsed.rows["conversions"].tolist() == [0.0]
    assert any("no conversions column" in w for w in parsed.warnings)


def test_end_before_start_is_rejected() -> None:
    data = (b"Ad name,Reporting starts,Reporting ends,Amount spent (USD),Impressions,Link clicks\n"
            b"a,2026-11-05,2026-11-01,1,10,1\n")
    parsed = parse_export(data)
    assert parsed.rows.empty
    assert parsed.rejected[0].reason == "end date before start in column 'Reporting ends': '2026-11-01'"


def test_duplicates_are_flagged_and_collapsible() -> None:
    data = (b"Ad name,Day,Amount spent (USD),Impressions,Link clicks,Purchases\n"
            b"a,2026-11-03,1.50,100,2,1\na,2026-11-03,2.50,300,4,0\nb,2026-11-03,1,10,1,0\n")
    parsed = parse_export(data)
    assert any("collapse_duplicates" in w for w in parsed.warnings)
    collapsed = collapse_duplicates(parsed.rows)
    assert tuple(collapsed.columns) == ROW_COLUMNS
    a = collapsed[collapsed["ad_name"] == "a"].iloc[0]
    assert (a["impressions"], a["clicks"], a["spend"], a["source_row"]) == (400, 6, 4.0, 2)
    assert np.isnan(a["revenue"])


def test_summary_is_json_ready() -> None:
    summary = load("meta_daily_bom.csv").summary()
    assert summary["rows_accepted"] == 5 and summary["rows_rejected"] == 3
    pd.io.json.ujson_dumps(summary)  # no numpy scalars, no NaN


@pytest.mark.parametrize(
    ("data", "source_name", "expected"),
    [
        (b'Week,Ad,Impr.,Clicks,Cost\n2026-11-02,a,10,1,1.00\n"Nov 9, 2026",b,10,1,1.00\n', "",
         [("2026-11-02", "2026-11-08"), ("2026-11-09", "2026-11-15")]),
        (b"Month,Ad,Impr.,Clicks,Cost\nNovember 2026,a,10,1,1.00\n2026-12,b,10,1,1.00\n", "",
         [("2026-11-01", "2026-11-30"), ("2026-12-01", "2026-12-31")]),
        (b"Ad name,Date,Cost,Impressions,Clicks (destination)\nx,2026-11-01 ~ 2026-11-07,1,10,1\n", "",
         [("2026-11-01", "2026-11-07")]),
        (b"Ad name,Cost,Impressions,Clicks (destination)\nx,1,10,1\n", "tiktok 2026-11-01 to 2026-11-07.csv",
         [("2026-11-01", "2026-11-07")]),
    ],
)
def test_range_level_rows(data: bytes, source_name: str, expected: list[tuple[str, str]]) -> None:
    rows = parse_export(data, source_name=source_name).rows
    got = list(zip(rows["date_start"].dt.date.astype(str), rows["date_end"].dt.date.astype(str)))
    assert got == expected


def test_header_only_and_totals_only_files() -> None:
    empty = parse_export(b"Ad name,Day,Amount spent (USD),Impressions,Link clicks\n")
    assert empty.rows_read == 0 and empty.rows.empty
    assert {c: str(t) for c, t in empty.rows.dtypes.items()} == ROW_DTYPES
    totals = parse_export(b"Ad name,Day,Amount spent (USD),Impressions,Link clicks\n,2026-11-01,1,1,1\n")
    assert (totals.rows_read, totals.skipped_summary_rows, len(totals.rows)) == (1, 1, 0)


def test_workbook_bytes_get_a_clear_error() -> None:
    with pytest.raises(UnknownFormatError, match="Excel workbook"):
        parse_export(b"PK\x03\x04rest-of-zip", source_name="report.xlsx")
