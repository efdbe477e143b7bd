"""Benchmark: the demo company's estimate against what its chain actually cost at list prices.

The whole chain (personas .. ad_videos, approval gate off, top 3 videos) runs through the real
google-genai SDK against the Gemini-protocol simulator, so token counts are real replies' counts;
the estimate is taken after `company_context`, before anything is paid.

    .venv/bin/python -m benchmarks.estimate_vs_actual

Writes benchmarks/results/estimate_vs_actual.json.
"""

from __future__ import annotations

import json
import os
import platform
import tempfile
from pathlib import Path

from dagster import instance_for_test

from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.demo.command import SAMPLE_NAME, SAMPLE_UVP
from creative_pipeline.demo.site_server import serve_sample_site
from creative_pipeline.domain.company import CompanyIn
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import get_database
from creative_pipeline.resources.supabase.repositories.companies import insert_company
from creative_pipeline.services.estimate import estimate_company
from creative_pipeline.settings import PROJECT_ROOT, Settings
from creative_pipeline_tests.simulators.gemini_simulator import running_gemini_simulator

RESULTS = Path(__file__).parent / "results" / "estimate_vs_actual.json"


def main() -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="cp-bench-", dir="/tmp"))
    with serve_sample_site() as site, running_gemini_simulator(local_video_uris=True) as sim:
        settings = Settings(CP_DATA_DIR=data_dir, TRENDS_BACKEND="off", GEMINI_API_KEY="sim-key",
                            GEMINI_BASE_URL=sim.base_url, VIDEO_APPROVAL_GATE=False, VIDEO_POLL_INTERVAL_S=0.05)
        settings = settings.model_copy(update={"web_allow_hosts": [site.removeprefix("http://").rstrip("/")]})
        db = get_database(settings.database_url, settings.data_dir, settings.supabase_dir)
        with db.transaction() as conn:
            company = insert_company(conn, CompanyIn(url=site, uvp=SAMPLE_UVP, name=SAMPLE_NAME))
        resources = build_resources(settings)
        with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as home:
            with instance_for_test(temp_dir=home) as instance:
                run_chain(company.slug, ["company_context"], instance=instance, resources=resources)
                with db.transaction() as conn:
                    estimate = estimate_company(conn, company.slug, settings)
                result = run_chain(company.slug, stage_names(None)[1:], instance=instance, resources=resources)
        with db.transaction() as conn:
            rows = conn.execute("select step, sum(cost_usd)::float as usd, sum(tokens_in) as tin, "
                                "sum(tokens_out) as tout from api_usage where company_id = %s group by step",
                                (company.id,)).fetchall()
    actual = {r["step"]: r for r in rows}
    stages = {name: {"estimate_usd": s.usd, "actual_usd": round(actual[name]["usd"], 4) if name in actual else 0.0,
                     "tokens_in": int(actual[name]["tin"]) if name in actual else 0,
                     "tokens_out": int(actual[name]["tout"]) if name in actual else 0}
              for name, s in estimate.stages.items()}
    total = round(sum(s["actual_usd"] for s in stages.values()), 4)
    row = {"company": company.slug, "chain_ok": all(ok for _, _, ok in result), "estimate_usd": estimate.total_usd,
           "actual_usd": total, "ratio_estimate_to_actual": round(estimate.total_usd / total, 2) if total else None,
           "models": {k: v[0] for k, v in {"text": [settings.gemini_text_model], "image": [settings.gemini_image_model],
                                            "video": [settings.gemini_video_model]}.items()},
           "stages": stages}
    print(f"{'stage':<16} {'estimate $':>10} {'actual $':>9} {'tokens in':>9} {'tokens out':>10}")
    for name, s in stages.items():
        print(f"{name:<16} {s['estimate_usd']:>10.4f} {s['actual_usd']:>9.4f} {s['tokens_in']:>9} {s['tokens_out']:>10}")
    print(f"{'total':<16} {estimate.total_usd:>10.4f} {total:>9.4f}   (estimate / actual = {row['ratio_estimate_to_actual']})")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"machine": platform.platform(), "cpus": os.cpu_count(),
                                   "project": str(PROJECT_ROOT.name), "results": [row]}, indent=2))
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
