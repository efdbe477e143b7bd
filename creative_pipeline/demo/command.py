"""`creative-pipeline demo`: the whole pipeline for the bundled sample company.

It serves the sample site on 127.0.0.1, allow-lists exactly that host:port for the fetcher,
upserts the sample company (same partition every time, so a second demo replaces rather than
duplicates), materializes the chain in-process (approving the top videos itself when the gate is
on), then imports a synthetic ad export and computes insights, and prints the summary.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from creative_pipeline.demo.feedback_loop import feedback_loop
from creative_pipeline.demo.site_server import serve_sample_site
from creative_pipeline.resources.build import build_resources
from creative_pipeline.services.companies import ensure_company, get_company
from creative_pipeline.services.review_desk import approve_top as approve_top_n
from creative_pipeline.services.runs import StageRun, run_stages, stage_names
from creative_pipeline.services.runtime import progress, settings
from creative_pipeline.services.summary import print_summary

SAMPLE_SLUG = "brightbrew-coffee"
SAMPLE_NAME = "Brightbrew Coffee"
SAMPLE_UVP = (
    "Barista-grade cold brew concentrate delivered every two weeks: cafe taste at home in 10 seconds "
    "for a third of the price, no machine needed."
)


def ensure_sample_company(url: str) -> str:
    return ensure_company(url, SAMPLE_UVP, SAMPLE_NAME, SAMPLE_SLUG).slug


def demo(args: argparse.Namespace) -> int:
    s = settings()
    started = time.monotonic()
    stages = stage_names(None)
    before_videos, videos = stages[: stages.index("ad_videos")], stages[stages.index("ad_videos"):]
    with serve_sample_site() as url:
        host_port = url.removeprefix("http://").rstrip("/")
        progress(f"sample site served at {url} (allow-listed for the fetcher: {host_port})")
        slug = ensure_sample_company(url)
        resources = build_resources(s.model_copy(update={"web_allow_hosts": [*s.web_allow_hosts, host_port]}))
        provider = "gemini" if s.gemini_api_key else "offline — deterministic stand-in, NOT AI output"
        progress(f"company partition: {slug}; provider: {provider}")

        def show(offset: int) -> Callable[[int, int, StageRun], None]:
            return lambda i, n, st: progress(
                f"  [{i + offset}/{len(stages)}] {st.stage:<18} {'ok' if st.success else 'FAILED'}  {st.seconds:5.1f} s")

        results = run_stages(slug, before_videos, launched_by="demo", resources=resources, on_stage=show(0))
        if all(r.success for r in results):
            approve_top(slug, resources)
            results += run_stages(slug, videos, launched_by="demo", resources=resources, on_stage=show(len(before_videos)))
    failed = next((r for r in results if not r.success), None)
    if failed is not None:
        progress(f"demo failed at stage {failed.stage}: {failed.error}")
        progress(f"  the run's logs: `make dev`, job {failed.job}, run {failed.run_id[:8]}")
        return 1
    progress("feedback loop: ad results come back")
    if not feedback_loop(slug, resources):
        progress("performance_insights failed: run `make dev` and open the failed run for its logs")
        return 1
    print_summary(slug)
    print(f"Export: the approved creatives ship by default (`creative-pipeline export {slug}`, "
          f"{resources['media'].video_top_n if resources['media'].approval_gate else 0} approved by the demo); "
          "`--all` ships every winner with its review state and compliance verdict")
    media = sum(r.seconds for r in results if r.stage in ("ad_images", "ad_videos"))
    print(f"\nDemo wall time: {time.monotonic() - started:.1f} s (media stages {media:.1f} s)")
    return 0


def approve_top(slug: str, resources: dict) -> None:
    """With the approval gate on, the demo plays the reviewer: it approves the top N itself
    (as `creative-pipeline review SLUG --approve 1 2 3` would) and says so. Already-approved
    winners are left alone, so repeated demos do not pile up reviews."""
    done = approve_top_n(get_company(slug), "demo (auto-approved)", resources=resources)
    if not done.gate:
        progress(f"approval gate off (VIDEO_APPROVAL_GATE=false): videos for the top {done.top_n} without review")
        return
    ranks = ", ".join(map(str, done.top_ranks))
    now = f"approved ranks {', '.join(map(str, done.approved_now))}" if done.approved_now else "already approved by an earlier demo"
    progress(f"approval gate on: the demo approves the top {len(done.top_ranks)} itself (ranks {ranks}: {now}; reviewer "
             f"'demo (auto-approved)') — in production a person runs `creative-pipeline review {slug}`")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="run the whole pipeline for the bundled sample company")
    p.set_defaults(func=demo)
