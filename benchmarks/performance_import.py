"""Benchmark: import 10k / 100k / 1M Meta export rows into PostgreSQL, then analyse them.

Measures what production does: `import_bytes` (parse, match names to creatives, COPY into a
temp table, one set-based upsert) and the `performance_insights` computation (SQL load, ABCD
columns from names, `build_insights`). Each size gets a fresh database with 2,000 known
creatives across 40 companies (the export's ad names).

    .venv/bin/python -m benchmarks.performance_import [--sizes 10000 100000 1000000]

Prints a table and writes benchmarks/results/performance_import.json.
"""

from __future__ import annotations

import argparse
import io
import json
import platform
import resource
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import psycopg

from benchmarks.perf_parse_and_insights import synthetic_meta_export
from creative_pipeline.domain.naming import parse_creative_name
from creative_pipeline.resources.supabase.repositories.performance_import import import_bytes
from creative_pipeline.performance.insights.report import build_insights
from creative_pipeline.performance.matching import canonical_names, with_abcd_columns
from creative_pipeline.resources.supabase.database import Database, get_database
from creative_pipeline.resources.supabase.embedded import embedded_database_url
from creative_pipeline.resources.supabase.repositories.insights import (
    load_performance,
)
from creative_pipeline.settings import PROJECT_ROOT

RESULTS = Path(__file__).parent / "results" / "performance_import.json"


def seed_creatives(db: Database, names: list[str]) -> None:
    """Companies, one persona and batch each, a script and an image brief per creative name."""
    by_company: dict[str, list[str]] = {}
    for name in names:
        by_company.setdefault(parse_creative_name(name).company_slug, []).append(name)
    with db.transaction() as conn:
        for slug, creative_names in by_company.items():
            company = conn.execute("insert into companies (slug, name, url, uvp) values (%s, %s, 'https://x.test', 'u') "
                                   "returning id", (slug, slug)).fetchone()["id"]
            persona = conn.execute("insert into personas (company_id, position, name, archetype, data, provider, model) "
                                   "values (%s, 1, 'P', %s, '{}', 'offline', 'm') returning id",
                                   (company, f"archetype {len(slug) % 5}")).fetchone()["id"]
            batch = conn.execute("insert into script_batches (company_id, persona_id, batch_index, template, "
                                 "template_version, temperature, provider, model) values (%s, %s, 1, 't', 'v1', 0.7, "
                                 "'offline', 'm') returning id", (company, persona)).fetchone()["id"]
            for position, name in enumerate(creative_names, start=1):
                script = conn.execute(
                    "insert into scripts (company_id, persona_id, batch_id, position, headline, hook, body, cta, "
                    "scene_setting, scene_subject, action, driver, format, provider, model) values "
                    "(%s, %s, %s, %s, 'h', 'k', 'b', 'c', 'HOME', 'SOLO', 'DEMO', 'JOY', 'UGC', 'offline', 'm') returning id",
                    (company, persona, batch, position)).fetchone()["id"]
                conn.execute("insert into assets (company_id, script_id, kind, creative_name, data, provider, model) "
                             "values (%s, %s, 'image_brief', %s, '{}', 'offline', 'm')", (company, script, name))


def run_size(server_url: str, n_rows: int, tmp: Path) -> dict[str, Any]:
    dbname = f"bench_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'create database "{dbname}"')
    db = get_database(psycopg.conninfo.make_conninfo(server_url, dbname=dbname), tmp, PROJECT_ROOT / "supabase",
                      auto_migrate=True)
    export = synthetic_meta_export(n_rows)
    ad_names = pd.read_csv(io.BytesIO(export), usecols=["Ad name"])["Ad name"].dropna()
    names = sorted(set(canonical_names(ad_names).dropna()))
    seed_creatives(db, names)
    started = time.perf_counter()
    report = import_bytes(db, export, f"bench_{n_rows}.csv", "meta")
    import_s = time.perf_counter() - started
    assert report.status == "done", report.error
    started = time.perf_counter()
    with db.transaction() as conn:
        perf = with_abcd_columns(load_performance(conn, date(2026, 1, 1), date(2026, 12, 31)))
    insights = build_insights(perf, date(2026, 1, 1), date(2026, 12, 31))
    insights_s = time.perf_counter() - started
    db.close()
    return {
        "rows": n_rows, "export_mb": round(len(export) / 1e6, 1), "stored_rows": report.imported,
        "matched_rows": report.matched_rows, "import_s": round(import_s, 2),
        "import_rows_per_s": int(n_rows / import_s), "insights_s": round(insights_s, 2),
        "insights": len(insights.insights),
        "peak_rss_mb": int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cp-bench-import-", dir="/tmp"))
    server = embedded_database_url(tmp / "pg")
    rows = []
    for n in args.sizes:
        rows.append(run_size(server, n, tmp))
        r = rows[-1]
        print(f"{r['rows']:>9,} rows  import {r['import_s']:>6.2f} s ({r['import_rows_per_s']:>7,} rows/s)  "
              f"insights {r['insights_s']:>5.2f} s  stored {r['stored_rows']:,}  peak RSS {r['peak_rss_mb']} MB", flush=True)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"machine": platform.platform(), "results": rows}, indent=2))
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
