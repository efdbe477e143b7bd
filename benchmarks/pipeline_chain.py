"""Benchmark: one company's chain (company_context .. creative_briefs), in-process.

Scenarios:
- `offline`: the embedded default's provider; measures the pipeline's own overhead.
- `simulated_gemini`: the real google-genai SDK against the local Gemini-protocol simulator
  with a fixed per-call latency; the ratio of (calls x latency) to wall time shows how much
  the concurrent batching buys over one-call-at-a-time.

    .venv/bin/python -m benchmarks.pipeline_chain [--latency 0.3]

Prints a table and writes benchmarks/results/pipeline_chain.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from dagster import instance_for_test

from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.demo.site_server import serve_sample_site
from creative_pipeline.domain.company import CompanyIn
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import get_database
from creative_pipeline.resources.supabase.repositories.companies import insert_company
from creative_pipeline.settings import PROJECT_ROOT, Settings
from creative_pipeline_tests.simulators.gemini_simulator import running_gemini_simulator

RESULTS = Path(__file__).parent / "results" / "pipeline_chain.json"


def run_scenario(name: str, settings: Settings, site: str) -> dict[str, Any]:
    db = get_database(settings.database_url, settings.data_dir, settings.supabase_dir)
    with db.transaction() as conn:
        company = insert_company(conn, CompanyIn(url=site, uvp="Cold brew at home in 10 seconds.", name=f"Bench {name}"))
    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as home:
        with instance_for_test(temp_dir=home) as instance:
            started = time.monotonic()
            stages = run_chain(company.slug, stage_names("creative_briefs"), instance=instance,
                               resources=build_resources(settings))
            wall = time.monotonic() - started
    with db.transaction() as conn:
        calls = conn.execute("select count(*) as n from api_usage where company_id = %s and status = 'ok' "
                             "and kind = 'text'", (company.id,)).fetchone()["n"]
    return {"scenario": name, "wall_s": round(wall, 2), "provider_calls": calls,
            "stages": {s: round(sec, 2) for s, sec, _ in stages}, "ok": all(ok for _, _, ok in stages)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.3, help="simulated seconds per Gemini call")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="cp-bench-", dir="/tmp"))
    base = Settings(CP_DATA_DIR=data_dir, TRENDS_BACKEND="off")
    rows = []
    with serve_sample_site() as site:
        host = site.removeprefix("http://").rstrip("/")
        base = base.model_copy(update={"web_allow_hosts": [host]})
        rows.append(run_scenario("offline", base, site))
        with running_gemini_simulator(latency_s=args.latency) as sim:
            sim_settings = base.model_copy(update={"gemini_api_key": "sim-key", "gemini_base_url": sim.base_url})
            row = run_scenario("simulated_gemini", sim_settings, site)
            row["latency_per_call_s"] = args.latency
            row["sequential_estimate_s"] = round(row["provider_calls"] * args.latency, 2)
            row["concurrency_speedup"] = round(row["sequential_estimate_s"] / max(sum(row["stages"].values()), 1e-9), 2)
            rows.append(row)
    print(f"{'scenario':<18} {'wall s':>7} {'calls':>6}  per stage (s)")
    for r in rows:
        print(f"{r['scenario']:<18} {r['wall_s']:>7} {r['provider_calls']:>6}  {r['stages']}"
              + (f"  speedup x{r['concurrency_speedup']} vs sequential" if "concurrency_speedup" in r else ""))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"machine": platform.platform(), "cpus": os.cpu_count(),
                                   "project": str(PROJECT_ROOT.name), "results": rows}, indent=2))
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
