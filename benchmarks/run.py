"""Run the benchmarks: each prints its table and writes benchmarks/results/<name>.json; this
runner then writes benchmarks/results/run.json (what ran, how long, exit status) and one markdown
table, benchmarks/results/summary.md, with each benchmark's headline figures (issue 18 item 8).

By default only what fits in a few minutes on a 2-core machine; the heavy scenarios are flags:

    .venv/bin/python -m benchmarks.run                    # quick set
    .venv/bin/python -m benchmarks.run --import-1m        # + the import and parse at 1 M rows
    .venv/bin/python -m benchmarks.run --daemon-vs-cli    # + dagster dev vs the CLI (~3 min)
    .venv/bin/python -m benchmarks.run --backfill         # + the 20-company rate-bound backfill
    .venv/bin/python -m benchmarks.run --celery-backfill  # + the same through Dagster + Celery (~8 min;
                                                          #   needs RabbitMQ, Redis, PostgreSQL on 127.0.0.1)
    .venv/bin/python -m benchmarks.run --only text_calls  # just the named ones
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"

# name -> (arguments, heavy flag or None); the quick import/parse sizes stop at 100 k rows
QUICK: dict[str, list[str]] = {
    "text_calls": [],
    "pipeline_chain": [],
    "estimate_vs_actual": [],
    "perf_parse_and_insights": ["--sizes", "10000", "100000"],
    "performance_import": ["--sizes", "10000", "100000"],
}
HEAVY: dict[str, tuple[str, list[str]]] = {
    "import_1m": ("performance_import", ["--sizes", "10000", "100000", "1000000"]),
    "parse_1m": ("perf_parse_and_insights", ["--sizes", "10000", "100000", "1000000"]),
    "daemon_vs_cli": ("daemon_vs_cli", []),
    "backfill": ("spend_backfill", []),
    "celery_backfill": ("celery_backfill", []),
}


def plan(args: argparse.Namespace) -> list[tuple[str, str, list[str]]]:
    """(label, module, arguments) in run order."""
    runs = [(name, name, a) for name, a in QUICK.items()]
    if args.import_1m:
        runs = [r for r in runs if r[1] not in ("performance_import", "perf_parse_and_insights")]
        runs += [("import_1m", *HEAVY["import_1m"]), ("parse_1m", *HEAVY["parse_1m"])]
    if args.daemon_vs_cli:
        runs.append(("daemon_vs_cli", *HEAVY["daemon_vs_cli"]))
    if args.backfill:
        runs.append(("backfill", *HEAVY["backfill"]))
    if args.celery_backfill:
        runs.append(("celery_backfill", *HEAVY["celery_backfill"]))
    if args.only:
        runs = [r for r in runs if r[0] in args.only or r[1] in args.only]
        runs += [(n, *HEAVY[n]) for n in args.only if n in HEAVY and n not in {r[0] for r in runs}]
    return runs


def headline(result: Any, limit: int = 6) -> str:
    """The first few scalar figures of a result file, dotted paths flattened one level deep."""
    figures: list[str] = []

    def walk(value: Any, prefix: str, depth: int) -> None:
        if len(figures) >= limit:
            return
        if isinstance(value, bool) or isinstance(value, (int, float)):
            figures.append(f"{prefix}={value}")
        elif isinstance(value, dict) and depth < 2:
            for key, inner in value.items():
                if key not in ("machine", "cpus", "project", "stderr_tail", "stages_s", "stages"):
                    walk(inner, f"{prefix}.{key}" if prefix else key, depth + 1)

    walk(result, "", 0)
    return "; ".join(figures) or "—"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--import-1m", action="store_true", help="import and parse at 1 M rows")
    parser.add_argument("--daemon-vs-cli", action="store_true", help="dagster dev + sensor vs creative-pipeline run")
    parser.add_argument("--backfill", action="store_true", help="20 companies against a bound RPM")
    parser.add_argument("--celery-backfill", action="store_true",
                        help="20 companies as a Dagster backfill on Celery workers against a bound RPM")
    parser.add_argument("--only", nargs="+", help="run only these (quick or heavy names)")
    args = parser.parse_args()
    rows = []
    for label, module, arguments in plan(args):
        print(f"\n=== {label}: benchmarks.{module} {' '.join(arguments)}", flush=True)
        began = time.monotonic()
        code = subprocess.call([sys.executable, "-m", f"benchmarks.{module}", *arguments])
        path = RESULTS / f"{module}.json"
        result = json.loads(path.read_text()) if path.exists() else None
        rows.append({"benchmark": label, "module": module, "args": arguments, "exit": code,
                     "seconds": round(time.monotonic() - began, 1), "figures": headline(result)})
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "run.json").write_text(json.dumps(rows, indent=2))
    lines = ["| benchmark | ok | seconds | figures (results/<module>.json) |", "|---|---|---|---|"]
    lines += [f"| {r['benchmark']} | {'yes' if r['exit'] == 0 else 'NO'} | {r['seconds']} | {r['figures']} |"
              for r in rows]
    (RESULTS / "summary.md").write_text("\n".join(lines) + "\n")
    print("\n" + "\n".join(lines))
    return 1 if any(r["exit"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
