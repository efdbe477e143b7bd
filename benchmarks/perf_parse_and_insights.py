"""Benchmark: parse a Meta Ads Manager export and build insights at 10k / 100k / 1M rows.

Each size's export is generated here, written to a temporary file, and parsed in a fresh
subprocess, so the peak RSS (`resource.getrusage`) is that of parsing + insights alone. The
synthetic export is deliberately unfriendly: UTF-8 BOM, quoted numbers with thousands
separators, blank link clicks, a totals row, extra columns the parser must ignore, and ~2,000
distinct ad names over a year of days.

    .venv/bin/python -m benchmarks.perf_parse_and_insights [--sizes 10000 100000 1000000]

Prints a table and writes benchmarks/results/perf_parse_and_insights.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from creative_pipeline.domain.naming import parse_creative_name
from creative_pipeline.performance.matching import canonical_names, with_abcd_columns

RESULTS = Path(__file__).parent / "results" / "perf_parse_and_insights.json"
SETTINGS = ["HOME", "OFFICE", "OUTDOOR", "STORE", "CAFE", "GYM"]
SUBJECTS = ["SOLO", "DUO", "GROUP", "HANDS"]
ACTIONS = ["DEMO", "UNBOX", "TESTIMONIAL", "COMPARE", "TUTORIAL"]
DRIVERS = ["FOMO", "RELIEF", "PRIDE", "CURIOSITY", "TRUST", "JOY"]
FORMATS = ["UGC", "STATIC", "CAROUSEL", "REEL"]
PERSONAS = ["Busy Parent", "Student", "Remote Worker", "Retiree", "Gym Regular"]


def synthetic_meta_export(n_rows: int, seed: int = 7) -> bytes:
    """A Meta daily-breakdown export of `n_rows` ad-days as UTF-8-with-BOM CSV bytes."""
    rng = np.random.default_rng(seed)
    n_ads = 2000
    ads = pd.DataFrame({
        "setting": rng.choice(SETTINGS, n_ads), "subject": rng.choice(SUBJECTS, n_ads),
        "action": rng.choice(ACTIONS, n_ads), "driver": rng.choice(DRIVERS, n_ads),
        "format": rng.choice(FORMATS, n_ads), "company": [f"company-{i % 40:02d}" for i in range(n_ads)],
        "rank": [(i // 40) % 99 + 1 for i in range(n_ads)],
    })
    names = ("20261124_" + ads["setting"] + "_" + ads["subject"] + "_" + ads["action"] + "_" + ads["driver"]
             + "_" + ads["format"] + "_" + ads["company"] + "_W" + ads["rank"].astype(str).str.zfill(2))
    names = names.where(rng.random(n_ads) > 0.05, names + " - Copy")
    ad = rng.integers(0, n_ads, n_rows)
    day = pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 365, n_rows), unit="D")
    impressions = rng.integers(50, 200_000, n_rows)
    ctr = rng.beta(2, 90, n_rows)
    clicks = rng.binomial(impressions, ctr)
    spend = np.round(impressions * rng.uniform(2, 15, n_rows) / 1000, 2)
    purchases = rng.binomial(clicks, 0.03)
    value = np.round(purchases * rng.uniform(15, 60, n_rows), 2)
    day_text = pd.Series(day.strftime("%Y-%m-%d"))
    frame = pd.DataFrame({
        "Reporting starts": day_text, "Reporting ends": day_text, "Ad name": names.to_numpy()[ad],
        "Ad set name": "Prospecting", "Ad delivery": "active",
        "Amount spent (USD)": pd.Series(spend).map("{:,.2f}".format),
        "Impressions": pd.Series(impressions).map("{:,}".format),
        "Reach": pd.Series((impressions * 0.8).astype(int)).map("{:,}".format),
        "Link clicks": pd.Series(clicks).astype(str).where(clicks > 0, ""),
        "CTR (link click-through rate)": pd.Series(np.round(clicks / impressions * 100, 2)).astype(str),
        "Purchases": pd.Series(purchases).astype(str).where(purchases > 0, ""),
        "Purchases conversion value": pd.Series(value).map("{:,.2f}".format),
    })
    totals = pd.DataFrame([{c: "" for c in frame.columns}])
    totals["Reporting starts"], totals["Reporting ends"] = "2026-01-01", "2026-12-31"
    totals["Amount spent (USD)"] = f"{spend.sum():,.2f}"
    totals["Impressions"] = f"{impressions.sum():,}"
    csv = pd.concat([totals, frame], ignore_index=True).to_csv(index=False)
    return b"\xef\xbb\xbf" + csv.encode("utf-8")


def perf_from_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The insights input, with names matched by the pipeline's own parser (as the importer and
    `performance_insights` do); the persona, which production reads from the database, is
    derived from the rank so every persona gets creatives."""
    perf = with_abcd_columns(pd.DataFrame({"creative_name": canonical_names(rows["ad_name"])}))
    parsed = {n: parse_creative_name(n) for n in perf["creative_name"].dropna().unique()}
    perf["company_slug"] = perf["creative_name"].map({n: p.company_slug for n, p in parsed.items() if p})
    rank = perf["creative_name"].map({n: p.rank for n, p in parsed.items() if p}).fillna(0).astype(int)
    perf["persona"] = np.array(PERSONAS, dtype=object)[rank % len(PERSONAS)]
    for column in ("date_start", "date_end", "impressions", "clicks", "spend", "conversions", "revenue"):
        perf[column] = rows[column]
    return perf


def run_one(export: Path) -> dict[str, float]:
    """Parse + insights + charts on an export file; the peak RSS is theirs alone (the
    export was generated by another process)."""
    from creative_pipeline.performance.insights import (
        abcd_heatmap_png,
        build_insights,
        ctr_trend_png,
    )
    from creative_pipeline.performance.parsers.detect import parse_export

    data = export.read_bytes()
    n_rows = int(export.stem.split("_")[-1])
    t0 = time.perf_counter()
    parsed = parse_export(data, "auto", export.name)
    parse_s = time.perf_counter() - t0
    assert len(parsed.rows) == n_rows and parsed.skipped_summary_rows == 1, parsed.summary()
    perf = perf_from_rows(parsed.rows)
    t0 = time.perf_counter()
    report = build_insights(perf, date(2026, 1, 1), date(2026, 12, 31))
    insights_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    ctr_trend_png(report.trend), abcd_heatmap_png(perf)
    charts_s = time.perf_counter() - t0
    return {
        "rows": n_rows, "file_mb": round(len(data) / 1e6, 1), "parse_s": round(parse_s, 2),
        "parse_rows_per_s": round(n_rows / parse_s), "insights_s": round(insights_s, 2),
        "charts_s": round(charts_s, 2), "insight_rows": len(report.insights),
        "n_creatives": int(len(report.by_creative)),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child)))
        return
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            export = Path(tmp) / f"meta_export_{n}.csv"
            t0 = time.perf_counter()
            export.write_bytes(synthetic_meta_export(n))
            generate_s = time.perf_counter() - t0
            out = subprocess.run([sys.executable, __file__, "--child", str(export)], check=True,
                                 capture_output=True, text=True)
            results.append({**json.loads(out.stdout.strip().splitlines()[-1]), "generate_s": round(generate_s, 2)})
            export.unlink()
    columns = ["rows", "file_mb", "parse_s", "parse_rows_per_s", "insights_s", "charts_s", "peak_rss_mb"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for r in results:
        print("| " + " | ".join(f"{r[c]:,}" if isinstance(r[c], int) else str(r[c]) for c in columns) + " |")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "benchmark": "perf_parse_and_insights", "python": platform.python_version(),
        "pandas": pd.__version__, "cpus": os.cpu_count(), "results": results,
        "notes": "peak_rss_mb is the parse+insights+charts process (file bytes included, "
                 "generation excluded); Meta daily export, UTF-8 BOM, quoted thousands.",
    }, indent=2) + "\n")
    print(f"written {RESULTS}")


if __name__ == "__main__":
    main()
