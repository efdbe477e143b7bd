"""Benchmark: a backfill of 20 companies through the simulator under one shared rate limit.

Several worker processes (as a deployment's run workers would be) each materialize their share
of the companies (company_context .. creative_briefs: 36 text calls a company) against one
Postgres and one Gemini-protocol simulator that enforces the same limit per window and answers
429 beyond it. Reported: the share of the limit actually used over the busy span (goal >= 90 %),
the 429s seen, and the runs that failed (goal 0).

    .venv/bin/python -m benchmarks.spend_backfill [--companies 20 --workers 5 --limit 80 --window 10]

The window is shortened from Gemini's 60 s so the run takes about 1.5 minutes. The limiter keeps
a margin of 2 % + 0.25 s per window (the hand-off from taking a slot to the request arriving), so
with a 3 s window it cannot use more than ~90 %; at 10 s ~96 %, at Gemini's 60 s ~97.5 %.
Writes benchmarks/results/spend_backfill.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from creative_pipeline.settings import PROJECT_ROOT, Settings

RESULTS = Path(__file__).parent / "results" / "spend_backfill.json"
STAGES_THROUGH = "creative_briefs"


def worker(db_url: str, sim_url: str, site: str, slugs: list[str], limit: int, window: float) -> int:
    """One run worker: its companies one after another; exit code = failed runs."""
    from dagster import instance_for_test

    from creative_pipeline.services.run_company import run_chain, stage_names
    from creative_pipeline.resources.build import build_resources

    settings = Settings(
        DATABASE_URL=db_url, CP_DATA_DIR=Path(tempfile.mkdtemp(prefix="cp-bench-w-", dir="/tmp")),
        TRENDS_BACKEND="off", GEMINI_API_KEY="sim-key", GEMINI_BASE_URL=sim_url, GEMINI_REQUESTS_PER_MINUTE=limit,
        GEMINI_RATE_WINDOW_S=window, COMPANY_BUDGET_USD=0, GEMINI_BACKOFF_BASE_S=0.2,
    ).model_copy(update={"web_allow_hosts": [site.removeprefix("http://").rstrip("/")]})
    failed = 0
    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as home:
        with instance_for_test(temp_dir=home) as instance:
            resources = build_resources(settings)
            for slug in slugs:
                result = run_chain(slug, stage_names(STAGES_THROUGH), instance=instance, resources=resources)
                failed += not all(ok for _, _, ok in result)
    return failed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--companies", type=int, default=20)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--limit", type=int, default=80, help="requests per window (GEMINI_REQUESTS_PER_MINUTE)")
    parser.add_argument("--window", type=float, default=10.0, help="window in seconds (GEMINI_RATE_WINDOW_S)")
    parser.add_argument("--latency", type=float, default=0.2, help="simulated seconds per call")
    args = parser.parse_args()

    from creative_pipeline.demo.site_server import serve_sample_site
    from creative_pipeline.domain.company import CompanyIn
    from creative_pipeline.resources.supabase.database import get_database, resolve_database_url
    from creative_pipeline.resources.supabase.repositories.companies import insert_company
    from creative_pipeline_tests.simulators.gemini_simulator import running_gemini_simulator

    data_dir = Path(tempfile.mkdtemp(prefix="cp-bench-", dir="/tmp"))
    db_url, _ = resolve_database_url(None, data_dir)
    db = get_database(db_url, data_dir, PROJECT_ROOT / "supabase", auto_migrate=True)
    with serve_sample_site() as site, running_gemini_simulator(
        latency_s=args.latency, requests_per_minute=args.limit, rate_window_s=args.window, retry_delay="0.5s",
    ) as sim:
        with db.transaction() as conn:
            slugs = [insert_company(conn, CompanyIn(url=site, uvp="Cold brew at home in 10 seconds.",
                                                    name=f"Backfill {i:02d}")).slug for i in range(args.companies)]
        shares = [slugs[i :: args.workers] for i in range(args.workers)]
        started = time.monotonic()
        env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
        procs = [subprocess.Popen([sys.executable, "-m", "benchmarks.spend_backfill", "--worker", db_url, sim.base_url,
                                   site, ",".join(share), str(args.limit), str(args.window)], env=env, cwd=PROJECT_ROOT)
                 for share in shares if share]
        failed_runs = sum(p.wait() for p in procs)
        wall = time.monotonic() - started
        requests = sim.requests_for("generateContent")
    answered = sorted(r.at for r in requests if r.status == 200)
    refused = [r for r in requests if r.status == 429]
    span = answered[-1] - answered[0] if len(answered) > 1 else 0.0
    capacity = args.limit * span / args.window if span else 0.0
    row: dict[str, Any] = {
        "companies": args.companies, "workers": args.workers, "limit_per_window": args.limit,
        "window_s": args.window, "latency_s": args.latency, "requests_answered": len(answered),
        "requests_429": len(refused), "busy_span_s": round(span, 2), "wall_s": round(wall, 2),
        "share_of_limit_used": round(len(answered) / capacity, 3) if capacity else None,
        "runs_failed": failed_runs,
    }
    print(f"{'companies':>9} {'workers':>7} {'limit/window':>12} {'answered':>8} {'429s':>5} {'span s':>7} "
          f"{'share used':>10} {'runs failed':>11}")
    print(f"{row['companies']:>9} {row['workers']:>7} {f'{args.limit}/{args.window:g}s':>12} {row['requests_answered']:>8} "
          f"{row['requests_429']:>5} {row['busy_span_s']:>7} {row['share_of_limit_used']:>10} {row['runs_failed']:>11}")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"machine": platform.platform(), "cpus": os.cpu_count(),
                                   "project": str(PROJECT_ROOT.name), "results": [row]}, indent=2))
    print(f"wrote {RESULTS}")
    return 1 if failed_runs else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        db_url, sim_url, site, slugs, limit, window = sys.argv[2:8]
        sys.exit(worker(db_url, sim_url, site, slugs.split(","), int(limit), float(window)))
    sys.exit(main())
