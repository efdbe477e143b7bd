"""Importing exports into Postgres: matching, reporting, and never double counting."""

import csv
import io
from datetime import timedelta

import pytest

from creative_pipeline.demo.sample_export import synthetic_meta_export
from creative_pipeline.assets.performance_data import import_bytes
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories import performance_import as repo
from creative_pipeline_tests.integration.performance.conftest import END


def totals(db: Database) -> dict:
    with db.transaction() as conn:
        return conn.execute("select count(*) as n, sum(impressions) as impressions, sum(clicks) as clicks, "
                            "sum(spend) as spend from performance_data").fetchone()


def test_import_matches_reports_and_is_idempotent(clean_db: Database, briefed_company) -> None:
    company, names, _ = briefed_company
    export = synthetic_meta_export(names, END, days=7)
    report = import_bytes(clean_db, export, "meta_synthetic.csv", "auto")
    assert report.status == "done" and report.platform == "meta"
    assert report.rows_read == 10 * 7 + 2  # + the foreign ad + the totals row
    assert report.skipped_summary_rows == 1
    assert report.matched_rows == 70  # " - Copy" still matches
    assert report.unmatched_ad_names == ["Spring test - not from this pipeline"]
    first = totals(clean_db)
    assert first["n"] == 71

    again = import_bytes(clean_db, export, "meta_synthetic.csv", "meta")
    assert again.inserted == 0 and again.updated == 71
    assert totals(clean_db) == first

    with clean_db.transaction() as conn:
        linked = conn.execute("select count(*) as n from performance_data where company_id = %s and script_id is not null "
                              "and persona is not null", (company.id,)).fetchone()["n"]
        imports = conn.execute("select status, report from performance_imports order by created_at").fetchall()
    assert linked == 70
    assert [i["status"] for i in imports] == ["done", "done"]
    assert imports[0]["report"]["unmatched_rows"] == 1


def test_an_overlapping_range_export_replaces_day_rows_instead_of_adding(clean_db: Database, briefed_company) -> None:
    _, names, _ = briefed_company
    import_bytes(clean_db, synthetic_meta_export(names[:1], END, days=7), "daily.csv", "meta")
    with clean_db.transaction() as conn:
        daily = conn.execute("select sum(impressions) as impressions, sum(spend) as spend from performance_data "
                             "where creative_name = %s", (names[0],)).fetchone()
    foreign = 1_000
    start = END - timedelta(days=6)
    weekly = io.StringIO()
    w = csv.writer(weekly)
    w.writerow(["Reporting starts", "Reporting ends", "Ad name", "Amount spent (USD)", "Impressions", "Link clicks"])
    w.writerow([start, END, names[0], f"{float(daily['spend']) - 1:,.2f}", f"{daily['impressions'] - 10:,}", 5])
    report = import_bytes(clean_db, weekly.getvalue().encode(), "weekly.csv", "meta")
    assert report.replaced_overlapping == 7
    after = totals(clean_db)
    assert after["n"] == 2  # the weekly row + the foreign ad's row
    assert after["impressions"] == daily["impressions"] - 10 + foreign  # replaced, not added


def test_unknown_format_fails_clearly_and_is_recorded(clean_db: Database) -> None:
    report = import_bytes(clean_db, b"foo,bar\n1,2\n", "mystery.csv", "auto")
    assert report.status == "failed" and "foo" in report.error
    with clean_db.transaction() as conn:
        row = conn.execute("select status, error from performance_imports").fetchone()
    assert row["status"] == "failed" and row["error"] == report.error


def test_a_crash_while_storing_leaves_the_import_failed_not_stuck(clean_db: Database, monkeypatch) -> None:
    """A `processing` row can never be claimed again: an unexpected error must end it `failed`."""

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(repo, "upsert_staged", broken)
    export = b"Ad name,Day,Amount spent (USD),Impressions,Link clicks\na,2026-11-03,1.50,100,2\n"
    with pytest.raises(RuntimeError):
        import_bytes(clean_db, export, "crash.csv", "meta")
    with clean_db.transaction() as conn:
        row = conn.execute("select status, error from performance_imports").fetchone()
        stored = conn.execute("select count(*) as n from performance_data").fetchone()["n"]
    assert row["status"] == "failed" and "disk full" in row["error"] and stored == 0


def test_an_out_of_bounds_row_is_rejected_with_its_line_and_the_rest_imported(clean_db: Database) -> None:
    """One 5 MB ad-name cell (the index could not hold it) and one absurd spend must not abort
    the import: each is rejected with its line and reason, the good rows land."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["Reporting starts", "Reporting ends", "Ad name", "Amount spent (USD)", "Impressions", "Link clicks"])
    w.writerow(["2026-11-01", "2026-11-01", "good ad one", "10.00", "1000", "10"])
    w.writerow(["2026-11-01", "2026-11-01", "x" * 5_000_000, "10.00", "1000", "10"])
    w.writerow(["2026-11-01", "2026-11-01", "absurd spend", "99999999999999", "1000", "10"])
    w.writerow(["2026-11-01", "2026-11-01", "good ad two", "12.00", "900", "9"])
    report = import_bytes(clean_db, out.getvalue().encode(), "bounds.csv", "meta")
    assert report.status == "done" and report.rejected_rows == 2
    reasons = {r["source_row"]: r["reason"] for r in report.rejected}
    assert "ad name longer than 512 characters" in reasons[3]
    assert "out of range" in reasons[4] and "Amount spent" in reasons[4]
    assert all(len(str(v)) < 400 for r in report.rejected for v in r["raw"].values())  # the report stays small
    assert totals(clean_db)["n"] == 2
