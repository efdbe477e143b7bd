"""A real-shaped Meta export whose ads carry variant names imports per variant, rolls up to the
creative, and the insights say which variant won (issue 19 item 5)."""

from datetime import date

from creative_pipeline.domain.naming import variant_name
from creative_pipeline.performance.insights.report import build_insights
from creative_pipeline.performance.matching import with_abcd_columns
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.insights import load_performance
from creative_pipeline.assets.performance_data import import_bytes


def meta_export(name: str) -> bytes:
    """Ads Manager's "Export table (CSV)": BOM, a totals row with an empty ad name, quoted thousands,
    one line per ad and day; the V2 ad was duplicated (" - Copy") and one ad still has the bare name."""
    lines = [
        "\ufeffReporting starts,Reporting ends,Ad name,Day,Ad delivery,Amount spent (USD),Impressions,Link clicks",
        '2026-11-02,2026-11-03,,,,"1,000.00","60,500","1,460"',
    ]
    for day in ("2026-11-02", "2026-11-03"):
        lines += [
            f'2026-11-02,2026-11-03,{variant_name(name, 1)},{day},active,200.00,"10,000",200',
            f'2026-11-02,2026-11-03,{variant_name(name, 2)},{day},active,200.00,"10,000",400',
            f'2026-11-02,2026-11-03,{variant_name(name, 2)} - Copy,{day},active,20.00,"1,000",50',
            f'2026-11-02,2026-11-03,{variant_name(name, 3)},{day},active,60.00,"9,000",90',
            f"2026-11-02,2026-11-03,{name},{day},active,20.00,250,0",
        ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_a_meta_export_with_variant_names_imports_per_variant(clean_db: Database, briefed_company) -> None:
    company, names, _ = briefed_company
    name = names[0]
    report = import_bytes(clean_db, meta_export(name), "meta_variants.csv", "auto")
    assert report.status == "done" and report.platform == "meta"
    assert report.matched_rows == 10 and report.unmatched_ad_names == []
    with clean_db.transaction() as conn:
        rows = conn.execute(
            "select variant, sum(impressions)::int as impressions, sum(clicks)::int as clicks, "
            "count(distinct creative_name) as creatives, bool_and(company_id = %s) as mine from performance_data "
            "group by variant order by variant nulls first", (company.id,)).fetchall()
    assert [(r["variant"], r["impressions"], r["clicks"]) for r in rows] == [
        (None, 500, 0), (1, 20_000, 400), (2, 22_000, 900), (3, 18_000, 180)]
    assert all(r["creatives"] == 1 and r["mine"] for r in rows)  # every variant rolls up to the one creative

    with clean_db.transaction() as conn:
        perf = with_abcd_columns(load_performance(conn, date(2026, 11, 1), date(2026, 11, 30)))
    insights = build_insights(perf, date(2026, 11, 1), date(2026, 11, 30))
    assert float(insights.by_creative.loc[name, "impressions"]) == 60_500  # the roll-up
    won = [i for i in insights.insights if i.type == "variant_winner"]
    assert len(won) == 1 and won[0].key == name
    assert won[0].data["variant"] == 2 and won[0].data["variant_name"] == f"{name}_V2"
    assert won[0].data["runner_up"] == 1 and won[0].data["variants_compared"] == 3
    assert abs(won[0].value - 900 / 22_000) < 1e-9
