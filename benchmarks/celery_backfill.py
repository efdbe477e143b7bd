"""Benchmark: a 20-company Dagster backfill through the Celery executor on RabbitMQ, two workers,
bound by the simulated Gemini's text limit (issue 18 item 4).

Started as subprocesses, on loopback: `dagster-daemon` and `dagster-webserver` on a fresh
DAGSTER_HOME made from `dagster_home/dagster.postgres.yaml` (instance on a throwaway PostgreSQL
database, queued run coordinator), two `celery_worker` processes (`--concurrency` tasks each) on a
private RabbitMQ vhost with Redis results, and the Gemini-protocol simulator enforcing `--limit`
requests per `--window` per model (429 beyond it). The companies are inserted into a throwaway app
database (marked launched, so `new_companies_sensor` leaves them to the backfill); the backfill is
launched through the webserver's GraphQL, as the UI's "Materialize > backfill" does, over the
company chain company_context .. creative_briefs (33 text calls a company; images left out so the
text limit is the one that binds). The backfill daemon and the queue then run it.

    .venv/bin/python -m benchmarks.celery_backfill [--companies 20 --limit 16 --window 10 --concurrency 5]

Measured as in `benchmarks/spend_backfill.py`: the share of the limit used over the busy span
(answered text requests / (limit x windows between the first and last answer); goal >= 90 %),
the 429s, runs failed (goal 0); plus companies per hour (launch to last run end), which worker
ran each step (the "Celery worker" of each step's engine event), and the breaker and rate-bucket
rows afterwards. Writes benchmarks/results/celery_backfill.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx

from benchmarks.celery_report import measure, print_table
from benchmarks.celery_stack import Processes, answers, wait_for
from creative_pipeline.settings import PROJECT_ROOT
from creative_pipeline_tests.throwaway_broker import rabbit_vhost
from creative_pipeline_tests.throwaway_db import fresh_database, sqlalchemy_url

RESULTS = Path(__file__).parent / "results" / "celery_backfill.json"
THROUGH = "creative_briefs"
LAUNCH = """mutation($params: LaunchBackfillParams!) { launchPartitionBackfill(backfillParams: $params) {
  __typename ... on LaunchBackfillSuccess { backfillId } ... on PythonError { message }
  ... on InvalidSubsetError { message } ... on UnauthorizedError { message } } }"""


def arguments() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--companies", type=int, default=20)
    p.add_argument("--limit", type=int, default=16, help="text requests per window, simulator and client alike")
    p.add_argument("--window", type=float, default=10.0, help="window in seconds (GEMINI_RATE_WINDOW_S)")
    p.add_argument("--latency", type=float, default=0.2, help="simulated seconds per call")
    p.add_argument("--concurrency", type=int, default=5, help="Celery tasks at once per worker (as `make multi`)")
    p.add_argument("--text-slots", type=int, default=None,
                   help="slots of the gemini_text pool (default: the yaml's pools.default_limit)")
    p.add_argument("--pg", default=os.environ.get("CP_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"))
    p.add_argument("--broker", default="pyamqp://guest:guest@127.0.0.1:5672/")
    p.add_argument("--backend", default="redis://127.0.0.1:6379/0")
    p.add_argument("--timeout", type=float, default=1800.0, help="seconds the backfill may take")
    return p.parse_args()


def stack_env(home: Path, dagster_db: str, app_db: str, broker: str, args: argparse.Namespace, sim_url: str,
              site: str) -> dict[str, str]:
    """What every machine of the setup shares: the instance, the app database, broker and settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GEMINI_", "CELERY_", "SUPABASE_"))}
    env.update({
        "PYTHONPATH": str(PROJECT_ROOT), "DAGSTER_HOME": str(home), "DAGSTER_PG_URL": sqlalchemy_url(dagster_db),
        "DATABASE_URL": app_db, "CP_DATA_DIR": str(home / "data"), "TRENDS_BACKEND": "off",
        "CP_EXECUTOR": "celery", "CELERY_BROKER_URL": broker, "CELERY_RESULT_BACKEND": args.backend,
        "GEMINI_API_KEY": "sim-key", "GEMINI_BASE_URL": sim_url, "GEMINI_REQUESTS_PER_MINUTE": str(args.limit),
        "GEMINI_RATE_WINDOW_S": str(args.window), "COMPANY_BUDGET_USD": "0", "GEMINI_BACKOFF_BASE_S": "0.2",
        "WEB_ALLOW_HOSTS": site.removeprefix("http://").rstrip("/"),
    })
    return env


def start_stack(procs: Processes, env: dict[str, str], args: argparse.Namespace, tag: str, port: int) -> list[str]:
    """Two Celery workers, the daemon and the webserver; returns the workers' names."""
    bin_dir = Path(sys.executable).parent
    workers = [f"cp-bench-{tag}-{i}@{os.uname().nodename}" for i in (1, 2)]
    for i, name in enumerate(workers, 1):
        procs.start(f"celery_worker_{i}", [sys.executable, "-m", "celery", "-A", "creative_pipeline.celery_worker",
                                           "worker", "-Q", "dagster", "--prefetch-multiplier=1",
                                           f"--concurrency={args.concurrency}", "-n", name, "--loglevel=INFO"],
                    env, PROJECT_ROOT)
    workspace = str(PROJECT_ROOT / "workspace.yaml")
    procs.start("dagster_daemon", [str(bin_dir / "dagster-daemon"), "run", "-w", workspace], env, PROJECT_ROOT)
    procs.start("dagster_webserver", [str(bin_dir / "dagster-webserver"), "-h", "127.0.0.1", "-p", str(port),
                                      "-w", workspace], env, PROJECT_ROOT)
    return workers


def launch_backfill(base: str, slugs: list[str]) -> str:
    from creative_pipeline.services.runs import stage_names

    params = {"partitionNames": slugs, "assetSelection": [{"path": [s]} for s in stage_names(THROUGH)],
              "title": "celery_backfill benchmark"}
    reply = httpx.post(f"{base}/graphql", json={"query": LAUNCH, "variables": {"params": params}}, timeout=120).json()
    result = (reply.get("data") or {}).get("launchPartitionBackfill") or {}
    if result.get("__typename") != "LaunchBackfillSuccess":
        raise RuntimeError(f"backfill not launched: {reply}")
    return result["backfillId"]


def wait_for_runs(instance, backfill_id: str, n: int, seconds: float, procs: Processes) -> list:
    from dagster import RunsFilter

    done = ("SUCCESS", "FAILURE", "CANCELED")
    records: list = []

    def finished() -> bool:
        nonlocal records
        records = list(instance.get_run_records(RunsFilter(tags={"dagster/backfill": backfill_id})))
        return len(records) >= n and all(r.dagster_run.status.value in done for r in records)

    wait_for("the backfill's runs", finished, seconds, procs, interval=2.0)
    return records


def run(args: argparse.Namespace, stack: ExitStack) -> dict[str, Any]:
    from dagster import DagsterInstance

    from creative_pipeline.demo.site_server import serve_sample_site
    from creative_pipeline.domain.company import CompanyIn
    from creative_pipeline.resources.supabase.database import get_database
    from creative_pipeline.resources.supabase.repositories.companies import insert_company, mark_launched
    from creative_pipeline_tests.e2e.dagster_dev import free_port
    from creative_pipeline_tests.simulators.gemini_simulator import running_gemini_simulator

    root = Path(tempfile.mkdtemp(prefix="cp-bench-celery-", dir="/tmp"))
    stack.callback(shutil.rmtree, root, True)
    dagster_db = stack.enter_context(fresh_database(args.pg, "cp_bench_dagster"))
    app_db = stack.enter_context(fresh_database(args.pg, "cp_bench_app"))
    vhost = stack.enter_context(rabbit_vhost())
    broker = args.broker.rstrip("/") + "/" + (vhost or "")
    site = stack.enter_context(serve_sample_site())
    sim = stack.enter_context(running_gemini_simulator(latency_s=args.latency, requests_per_minute=args.limit,
                                                       rate_window_s=args.window, retry_delay="0.5s"))
    db = get_database(app_db, root / "data", PROJECT_ROOT / "supabase", auto_migrate=True)
    stack.callback(db.close)
    with db.transaction() as conn:
        companies = [insert_company(conn, CompanyIn(url=site, uvp="Cold brew at home in 10 seconds.",
                                                    name=f"Celery Backfill {i:02d}")) for i in range(args.companies)]
        for c in companies:
            mark_launched(conn, c.id)  # the backfill runs them, not the sensor
    slugs = [c.slug for c in companies]

    home = root / "dagster_home"
    home.mkdir()
    shutil.copy(PROJECT_ROOT / "dagster_home" / "dagster.postgres.yaml", home / "dagster.yaml")
    env = stack_env(home, dagster_db, app_db, broker, args, sim.base_url, site)
    os.environ["DAGSTER_PG_URL"] = env["DAGSTER_PG_URL"]  # the yaml reads it, here too
    procs = stack.enter_context(Processes(root / "logs"))
    stack.push(lambda failed, *_: print("logs:", *(f"\n--- {n}\n{procs.log(n, 1500)}" for n in procs.procs))
               if failed else None)  # on the way out of a failure: what each process said last
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    workers = start_stack(procs, env, args, (vhost or "default").removeprefix("cp_bench_"), port)
    wait_for("dagster-webserver", lambda: answers(f"{base}/server_info"), 300, procs)
    wait_for("the Celery workers", lambda: all("ready." in procs.log(f"celery_worker_{i}", 10**6) for i in (1, 2)),
             300, procs)
    instance = stack.enter_context(DagsterInstance.from_config(str(home)))
    wait_for("dagster-daemon", lambda: {"BACKFILL", "QUEUED_RUN_COORDINATOR"}
             <= set(instance.get_daemon_heartbeats()), 300, procs)
    if args.text_slots:
        instance.event_log_storage.set_concurrency_slots("gemini_text", args.text_slots)
    instance.add_dynamic_partitions("company", slugs)

    launched = time.time()
    backfill_id = launch_backfill(base, slugs)
    records = wait_for_runs(instance, backfill_id, len(slugs), args.timeout, procs)
    row = measure(instance, records, sim.requests, db, launched=launched, limit=args.limit, window=args.window,
                  workers=workers)
    row.update({"backfill_id": backfill_id, "broker_vhost": vhost or "/ (rabbitmqctl unavailable)",
                "chain": f"company_context .. {THROUGH}", "companies": len(slugs), "celery_workers": 2,
                "concurrency_per_worker": args.concurrency, "limit_per_window": args.limit,
                "window_s": args.window, "latency_s": args.latency,
                "gemini_text_slots": instance.event_log_storage.get_concurrency_info("gemini_text").slot_count})
    return row


def main() -> int:
    args = arguments()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind (stop processes, drop databases)
    with ExitStack() as stack:
        row = run(args, stack)
    print_table(row)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"machine": platform.platform(), "cpus": os.cpu_count(),
                                   "project": PROJECT_ROOT.name, "results": [row]}, indent=2))
    print(f"wrote {RESULTS}")
    return 1 if row["runs_failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
