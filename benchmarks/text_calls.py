"""Benchmark: one company's text chain (company_context .. creative_briefs) through the real
google-genai SDK against the local Gemini simulator, every reply complete; Gemini text calls,
tokens and critical path (dependent calls in sequence) per stage and per company, counted from
the simulator's own request log (not the project's ledger; preflight models.get not counted).

Issue 18 item 1: a company's text generation stays within MAX_TEXT_CALLS.

    .venv/bin/python -m benchmarks.text_calls [--latency 0.1]

Prints a table and writes benchmarks/results/text_calls.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
from pathlib import Path
from typing import Any

from dagster import DagsterInstance, instance_for_test

from creative_pipeline.demo.site_server import serve_sample_site
from creative_pipeline.domain.company import CompanyIn
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import get_database
from creative_pipeline.resources.supabase.repositories.companies import insert_company
from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.settings import Settings
from creative_pipeline_tests.simulators.call_log import figures
from creative_pipeline_tests.simulators.gemini_simulator import GeminiSimulator, running_gemini_simulator

RESULTS = Path(__file__).parent / "results" / "text_calls.json"
MAX_TEXT_CALLS = 45  # issue 18: a company's text chain, every reply complete


def measure_company(slug: str, sim: GeminiSimulator, resources: dict, instance: DagsterInstance) -> dict[str, Any]:
    """Run the text chain stage by stage and cut the simulator's log at each stage's end."""
    stages: dict[str, dict[str, Any]] = {}
    start = len(sim.requests)
    for stage in stage_names("creative_briefs"):
        before = len(sim.requests)
        ((_, seconds, ok),) = run_chain(slug, [stage], instance=instance, resources=resources)
        if not ok:
            raise RuntimeError(f"{stage} failed for {slug}")
        stages[stage] = {**figures(sim.requests[before:]).model_dump(), "seconds": round(seconds, 2)}
    company = figures(sim.requests[start:]).model_dump()
    return {"stages": stages, "company": company}


def print_table(result: dict[str, Any]) -> None:
    print(f"{'stage':<20} {'calls':>6} {'tokens in':>10} {'tokens out':>10} {'crit path':>9} {'s':>6}")
    for stage, f in result["stages"].items():
        print(f"{stage:<20} {f['calls']:>6} {f['tokens_in']:>10} {f['tokens_out']:>10} {f['critical_path']:>9}"
              f" {f['seconds']:>6}")
    c = result["company"]
    print(f"{'company':<20} {c['calls']:>6} {c['tokens_in']:>10} {c['tokens_out']:>10} {c['critical_path']:>9}"
          f"   (bound: {MAX_TEXT_CALLS} calls)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.1,
                        help="simulated seconds per call (so overlapping calls show as concurrent)")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="cp-bench-text-", dir="/tmp"))
    settings = Settings(CP_DATA_DIR=data_dir, TRENDS_BACKEND="off")
    db = get_database(settings.database_url, settings.data_dir, settings.supabase_dir)
    with serve_sample_site() as site, running_gemini_simulator(latency_s=args.latency) as sim:
        settings = settings.model_copy(update={
            "web_allow_hosts": [site.removeprefix("http://").rstrip("/")],
            "gemini_api_key": "sim-key", "gemini_base_url": sim.base_url})
        with db.transaction() as conn:
            company = insert_company(conn, CompanyIn(url=site, uvp="Cold brew at home in 10 seconds.",
                                                     name="Bench Text Calls"))
        with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as home:
            with instance_for_test(temp_dir=home) as instance:
                result = measure_company(company.slug, sim, build_resources(settings), instance)
    result.update({"max_text_calls": MAX_TEXT_CALLS, "within_bound": result["company"]["calls"] <= MAX_TEXT_CALLS,
                   "latency_per_call_s": args.latency, "machine": platform.platform(), "cpus": os.cpu_count()})
    print_table(result)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2))
    print(f"wrote {RESULTS}")
    return 0 if result["within_bound"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
