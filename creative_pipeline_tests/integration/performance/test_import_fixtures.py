"""Every real-shaped export through the streamed import: totals exact, re-import idempotent,
rejected rows reported one by one, good rows kept."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from creative_pipeline.assets.performance_data import import_bytes
from creative_pipeline.performance.parsers.common import collapse_duplicates
from creative_pipeline.performance.parsers.detect import parse_export
from creative_pipeline.resources.supabase.database import Database

FIXTURES = Path(__file__).parents[2] / "fixtures" / "performance"
EXPORTS = sorted(p.name for p in FIXTURES.iterdir() if not p.name.startswith("insights"))


def stored(db: Database) -> dict:
    with db.transaction() as conn:
        return conn.execute(
            "select count(*) as n, coalesce(sum(impressions), 0) as impressions, coalesce(sum(clicks), 0) as clicks, "
            "coalesce(sum(spend), 0) as spend, coalesce(sum(conversions), 0) as conversions, "
            "sum(revenue) as revenue, count(distinct import_id) as imports from performance_data").fetchone()


def money(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.0001"))


@pytest.mark.parametrize("name", EXPORTS)
def test_a_fixture_imports_exactly_and_reimports_idempotently(clean_db: Database, name: str) -> None:
    expected = parse_export(FIXTURES / name, source_name=name)
    keys = collapse_duplicates(expected.rows)

    report = import_bytes(clean_db, FIXTURES / name, name)
    assert report.status == "done", report.error
    assert (report.rows_read, report.rejected_rows, report.skipped_summary_rows) == \
        (expected.rows_read, len(expected.rejected), expected.skipped_summary_rows)
    assert [(r["source_row"], r["column"], r["reason"]) for r in report.rejected] == \
        [(r.source_row, r.column, r.reason) for r in expected.rejected]  # each bad row: line, column, reason
    assert report.matched_rows + report.unmatched_rows == len(expected.rows)  # every good row kept
    first = stored(clean_db)
    assert first["n"] == len(keys) == report.inserted
    assert first["impressions"] == int(expected.rows["impressions"].sum())
    assert first["clicks"] == int(expected.rows["clicks"].sum())
    assert first["spend"] == sum(money(v) for v in expected.rows["spend"])
    assert first["conversions"] == sum(money(v) for v in expected.rows["conversions"])
    revenue = expected.rows["revenue"].dropna()
    assert first["revenue"] == (sum(money(v) for v in revenue) if len(revenue) else None)

    again = import_bytes(clean_db, (FIXTURES / name).read_bytes(), name)
    assert (again.inserted, again.updated, again.replaced_overlapping) == (0, len(keys), 0)
    second = stored(clean_db)
    assert {k: v for k, v in second.items() if k != "imports"} == {k: v for k, v in first.items() if k != "imports"}
    assert second["imports"] == (1 if len(keys) else 0)  # every row now carries the latest import


def test_rejected_rows_are_reported_and_the_good_ones_kept(clean_db: Database) -> None:
    data = (b"Ad name,Day,Amount spent (USD),Impressions,Link clicks\n"
            b"good one,2026-11-03,1.50,100,2\n"
            b"bad spend,2026-11-03,lots,100,2\n"
            b"\n"
            b"bad day,someday,1.00,10,1\n"
            b"good two,2026-11-04,\"1,234.50\",1000,20\n"
            b",2026-11-01,1236.00,1110,22\n")
    report = import_bytes(clean_db, data, "mixed.csv", "meta")
    assert report.status == "done"
    assert [(r["source_row"], r["column"]) for r in report.rejected] == [(3, "Amount spent (USD)"), (5, "Day")]
    assert "unreadable number" in report.rejected[0]["reason"] and "'lots'" in report.rejected[0]["reason"]
    assert report.rejected[1]["raw"]["Ad name"] == "bad day"
    assert (report.rows_read, report.skipped_summary_rows, report.imported) == (5, 1, 2)
    with clean_db.transaction() as conn:
        rows = conn.execute("select ad_name, spend::text as spend, impressions from performance_data "
                            "order by ad_name").fetchall()
        stored_report = conn.execute("select report from performance_imports where id = %s",
                                     (report.import_id,)).fetchone()["report"]
    assert [(r["ad_name"], r["spend"], r["impressions"]) for r in rows] == [
        ("good one", "1.5000", 100), ("good two", "1234.5000", 1000)]
    assert stored_report["rejected_rows"] == 2 and stored_report["rejected"][0]["source_row"] == 3


def test_duplicate_keys_in_one_file_are_summed_once(clean_db: Database) -> None:
    data = (b"Ad name,Day,Amount spent (USD),Impressions,Link clicks\n"
            b"a,2026-11-03,1.50,100,2\na,2026-11-03,2.25,300,4\nb,2026-11-03,1,10,1\n")
    report = import_bytes(clean_db, data, "dupes.csv", "meta")
    assert (report.imported, report.duplicates_summed) == (2, 1)
    assert any("collapse_duplicates" in w for w in report.warnings)
    with clean_db.transaction() as conn:
        a = conn.execute("select impressions, clicks, spend from performance_data where ad_name = 'a'").fetchone()
    assert (a["impressions"], a["clicks"], a["spend"]) == (400, 6, Decimal("3.7500"))
