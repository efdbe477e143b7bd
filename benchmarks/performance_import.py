"""Benchmark: import 10k / 100k / 1M-row Meta exports against the COPY floors of the same run.

Per size, in a fresh database with 2,000 known creatives across 40 companies (the export's ad
names), measured in the same run:

- `bare_copy_s`: `COPY` of the export file as it is into a plain table of 12 text columns (the
  floor the issue names); `bare_copy_unlogged_s` the same into an UNLOGGED one;
- `import_s`: what the `performance_data` asset runs (`import_bytes`: stream-parse with pyarrow,
  COPY into unlogged staging, match in SQL, one upsert, the import's report), in a subprocess of
  its own so `peak_rss_mb` is the import's (interpreter start-up and imports are not timed);
- `indexed_floor_s`: `COPY` of the rows the import stored into a table shaped and indexed like
  `performance_data` (`LIKE ... INCLUDING ALL`: its primary key (platform, ad_name, date_start,
  date_end) and four indexes, plus its three foreign keys) — what writing those rows costs at the
  least, whatever the parsing; `indexed_floor_no_fk_s` the same without the foreign keys (their
  per-row checks);
- `reimport_s`: the same file imported again (every row an update, none duplicated).

Each also in CPU seconds (`*_cpu_s`: the database server's processes, plus the importing process
for the import), which the load of a shared machine moves far less than the wall-clock figures.

    PYTHONPATH=. .venv/bin/python -m benchmarks.performance_import [--sizes 10000 100000 1000000]

Prints a markdown table and writes benchmarks/results/performance_import.json.
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
import uuid
from pathlib import Path
from typing import Any

import psycopg

from benchmarks.perf_parse_and_insights import synthetic_meta_export
from benchmarks.server_cpu import server_cpu
from creative_pipeline.domain.naming import parse_creative_name
from creative_pipeline.resources.supabase.database import Database, get_database
from creative_pipeline.resources.supabase.embedded import embedded_database_url
from creative_pipeline.settings import PROJECT_ROOT

RESULTS = Path(__file__).parent / "results" / "performance_import.json"
BARE = "a text, b text, c text, d text, e text, f text, g text, h text, i text, j text, k text, l text"
STORED = ("import_id, platform, ad_name, date_start, date_end, creative_name, variant, company_id, script_id, "
          "persona, impressions, clicks, spend, currency, conversions, revenue")



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


def copy_file(url: str, statement: str, path: Path) -> tuple[float, float]:
    """Seconds and server CPU seconds to stream a file through `COPY ... FROM STDIN` (1 MiB writes)."""
    with psycopg.connect(url, autocommit=True) as conn:
        cpu = server_cpu(url)
        started = time.perf_counter()
        with conn.cursor().copy(statement) as copy, path.open("rb") as f:
            while chunk := f.read(1 << 20):
                copy.write(chunk)
        return time.perf_counter() - started, server_cpu(url) - cpu


def bare_copy(url: str, export: Path, unlogged: bool) -> tuple[float, float]:
    table = "bare_unlogged" if unlogged else "bare"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"drop table if exists {table}")
        conn.execute(f"create {'unlogged' if unlogged else ''} table {table} ({BARE})")
    seconds = copy_file(url, f"copy {table} from stdin with (format csv, header true)", export)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"drop table {table}")
    return seconds


FOREIGN_KEYS = ("alter table floor add foreign key (import_id) references performance_imports (id) on delete set null, "
                "add foreign key (company_id) references companies (id) on delete cascade, "
                "add foreign key (script_id) references scripts (id) on delete set null")


def indexed_floor(url: str, tmp: Path, foreign_keys: bool = True) -> tuple[float, float]:
    """COPY the stored rows into a table shaped and indexed like performance_data (its primary
    key and four indexes; with its three foreign keys, whose per-row checks PostgreSQL runs for a
    COPY as for an INSERT, unless `foreign_keys` is False)."""
    rows = tmp / "stored_rows.csv"
    with psycopg.connect(url, autocommit=True) as conn, rows.open("wb") as f:
        with conn.cursor().copy(f"copy (select {STORED} from performance_data) to stdout with (format csv)") as copy:
            for data in copy:
                f.write(data)
        conn.execute("drop table if exists floor")
        conn.execute("create table floor (like performance_data including all)")
        if foreign_keys:
            conn.execute(FOREIGN_KEYS)
        conn.execute("checkpoint")
    measured = copy_file(url, f"copy floor ({STORED}) from stdin with (format csv)", rows)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("drop table floor")
    rows.unlink()
    return measured


def child(url: str, export: Path, import_id: str) -> dict[str, Any]:
    """One import, in this process: its time (after start-up and imports) and its peak RSS."""
    from uuid import UUID

    from creative_pipeline.assets.performance_data import import_bytes

    db = get_database(url, export.parent, PROJECT_ROOT / "supabase", auto_migrate=False)
    cpu, started = time.process_time(), time.perf_counter()
    report = import_bytes(db, export, export.name, "meta", import_id=UUID(import_id))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert report.status == "done", report.error
    return {"import_s": seconds, "client_cpu_s": cpu, "stored_rows": report.imported, "matched_rows": report.matched_rows,
            "rejected_rows": report.rejected_rows, "duplicates_summed": report.duplicates_summed,
            "phases_s": report.seconds,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def run_import(url: str, db: Database, export: Path) -> dict[str, Any]:
    with db.transaction() as conn:
        import_id = conn.execute("insert into performance_imports (platform, source, file_name, status) "
                                 "values ('meta', 'cli', %s, 'processing') returning id", (export.name,)).fetchone()["id"]
    cpu = server_cpu(url)
    out = subprocess.run([sys.executable, "-m", "benchmarks.performance_import", "--child", url, str(export),
                          str(import_id)], check=True, capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["server_cpu_s"] = server_cpu(url) - cpu
    result["import_cpu_s"] = result["client_cpu_s"] + result["server_cpu_s"]
    return result


def run_size(server_url: str, n_rows: int, tmp: Path) -> dict[str, Any]:
    dbname = f"bench_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'create database "{dbname}"')
    url = psycopg.conninfo.make_conninfo(server_url, dbname=dbname)
    db = get_database(url, tmp, PROJECT_ROOT / "supabase", auto_migrate=True)
    export = tmp / f"meta_export_{n_rows}.csv"
    export.write_bytes(synthetic_meta_export(n_rows))
    seed_creatives(db, names_in(n_rows))
    bares = [bare_copy(url, export, unlogged=False) for _ in range(2)]
    bare, bare_cpu = min(b[0] for b in bares), min(b[1] for b in bares)
    bare_unlogged = bare_copy(url, export, unlogged=True)[0]
    first = run_import(url, db, export)
    floor, floor_cpu = indexed_floor(url, tmp)
    floor_no_fk, floor_no_fk_cpu = indexed_floor(url, tmp, foreign_keys=False)
    again = run_import(url, db, export)
    with db.transaction() as conn:
        stored = conn.execute("select count(*) as n from performance_data").fetchone()["n"]
    assert stored == first["stored_rows"] == again["stored_rows"], "a re-import must not add rows"
    result = {
        "rows": n_rows, "export_mb": round(export.stat().st_size / 1e6, 1), **first,
        "bare_copy_s": bare, "bare_copy_unlogged_s": bare_unlogged, "indexed_floor_s": floor,
        "indexed_floor_no_fk_s": floor_no_fk, "bare_copy_cpu_s": bare_cpu, "indexed_floor_cpu_s": floor_cpu,
        "indexed_floor_no_fk_cpu_s": floor_no_fk_cpu,
        "reimport_s": again["import_s"], "reimport_cpu_s": again["import_cpu_s"],
        "reimport_peak_rss_mb": again["peak_rss_mb"],
    }
    result["import_over_bare_copy"] = result["import_s"] / bare
    result["import_over_indexed_floor"] = result["import_s"] / floor
    result["indexed_floor_over_bare_copy"] = floor / bare
    result["cpu_import_over_bare_copy"] = result["import_cpu_s"] / bare_cpu
    result["cpu_import_over_indexed_floor"] = result["import_cpu_s"] / floor_cpu
    result["cpu_indexed_floor_over_bare_copy"] = floor_cpu / bare_cpu
    export.unlink()
    db.close()
    with psycopg.connect(server_url, autocommit=True) as conn:  # a 1M-row database is about 1.5 GB
        conn.execute(f'drop database "{dbname}" with (force)')
    return {k: round(v, 2) if isinstance(v, float) else v for k, v in result.items()}


def names_in(n_rows: int) -> list[str]:
    """The creative names of the synthetic export (its 2,000 ads; " - Copy" variants included)."""
    from creative_pipeline.performance.matching import name_matches
    from creative_pipeline.performance.parsers.detect import parse_export

    rows = parse_export(synthetic_meta_export(min(n_rows, 20_000))).rows
    return sorted(set(name_matches(rows["ad_name"])["creative_name"].dropna()))


COLUMNS = ["rows", "export_mb", "bare_copy_s", "indexed_floor_s", "import_s", "import_over_bare_copy",
           "import_over_indexed_floor", "indexed_floor_over_bare_copy", "cpu_import_over_bare_copy",
           "cpu_import_over_indexed_floor", "reimport_s", "peak_rss_mb"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]), args.child[2])))
        return
    tmp = Path(tempfile.mkdtemp(prefix="cp-bench-import-", dir="/tmp"))
    server = embedded_database_url(tmp / "pg")
    results = []
    for n in args.sizes:
        results.append(run_size(server, n, tmp))
        print(json.dumps(results[-1]), flush=True)
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for r in results:
        print("| " + " | ".join(f"{r[c]:,}" if isinstance(r[c], int) else str(r[c]) for c in COLUMNS) + " |")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({
        "benchmark": "performance_import", "machine": platform.platform(), "cpus": os.cpu_count(),
        "load_average_at_end": os.getloadavg(), "results": results,
        "notes": "ratios are import / floor measured in the same run on the same database (cpu_*: in CPU seconds "
                 "of the server plus the importing process); peak_rss_mb is the "
                 "importing process (interpreter and libraries included); import_s excludes start-up and imports.",
    }, indent=2) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
