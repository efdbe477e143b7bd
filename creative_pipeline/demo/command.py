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

from creative_pipeline.services.run_company import run_chain, stage_names
from creative_pipeline.services.runtime import database, progress, settings
from creative_pipeline.services.summary import print_summary
from creative_pipeline.demo.feedback_loop import feedback_loop
from creative_pipeline.demo.site_server import serve_sample_site
from creative_pipeline.domain.company import CompanyIn
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.repositories.companies import UnknownCompany, get_company, insert_company, update_url

SAMPLE_SLUG = "brightbrew-coffee"
SAMPLE_NAME = "Brightbrew Coffee"
SAMPLE_UVP = (
    "Barista-grade cold brew concentrate delivered every two weeks: cafe taste at home in 10 seconds "
    "for a third of the price, no machine needed."
)


def ensure_sample_company(url: str) -> str:
    with database().transaction() as conn:
        try:
            company = get_company(conn, SAMPLE_SLUG)
            update_url(conn, company.id, url)
        except UnknownCompany:
            company = insert_company(conn, CompanyIn(url=url, uvp=SAMPLE_UVP, name=SAMPLE_NAME))
    return company.slug


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

        def show(offset: int) -> Callable[[int, int, str, float, bool], None]:
            return lambda i, n, st, sec, ok: progress(
                f"  [{i + offset}/{len(stages)}] {st:<18} {'ok' if ok else 'FAILED'}  {sec:5.1f} s")

        results = run_chain(slug, before_videos, resources=resources, on_stage=show(0))
        if all(ok for _, _, ok in results):
            approve_top(slug, resources)
            results += run_chain(slug, videos, resources=resources, on_stage=show(len(before_videos)))
    if not all(ok for _, _, ok in results):
        progress(f"demo failed at stage {results[-1][0]}: run `make dev` and open the failed run for its logs")
        return 1
    progress("feedback loop: ad results come back")
    if not feedback_loop(slug, resources):
        progress("performance_insights failed: run `make dev` and open the failed run for its logs")
        return 1
    print_summary(slug)
    print(f"Export: the approved creatives ship by default (`creative-pipeline export {slug}`, "
          f"{resources['media'].video_top_n if resources['media'].approval_gate else 0} approved by the demo); "
          "`--all` ships every winner with its review state and compliance verdict")
    media = sum(sec for stage, sec, _ in results if stage in ("ad_images", "ad_videos"))
    print(f"\nDemo wall time: {time.monotonic() - started:.1f} s (media stages {media:.1f} s)")
    return 0


def approve_top(slug: str, resources: dict) -> None:
    """With the approval gate on, the demo plays the reviewer: it approves the top N itself
    (as `creative-pipeline review SLUG --approve 1 2 3` would) and says so. Already-approved
    winners are left alone, so repeated demos do not pile up reviews."""
    from creative_pipeline.services.review import ReviewAction, apply_reviews
    from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
    from creative_pipeline.resources.supabase.repositories.reviews import approved_names

    policy = resources["media"]
    if not policy.approval_gate:
        progress(f"approval gate off (VIDEO_APPROVAL_GATE=false): videos for the top {policy.video_top_n} without review")
        return
    db = database()
    with db.transaction() as conn:
        company = get_company(conn, slug)
        briefs = load_briefs(conn, company.id)
        top = briefs[: policy.video_top_n]
        approved = approved_names(conn, company.id, briefs)
    todo = [b.rank for b in top if b.creative_name not in approved]
    if todo:
        apply_reviews(db, resources["gemini"], company, [ReviewAction(rank=r, status="GREEN") for r in todo],
                      "demo (auto-approved)")
    ranks = ", ".join(str(b.rank) for b in top)
    done = f"approved ranks {', '.join(map(str, todo))}" if todo else "already approved by an earlier demo"
    progress(f"approval gate on: the demo approves the top {len(top)} itself (ranks {ranks}: {done}; reviewer "
             f"'demo (auto-approved)') — in production a person runs `creative-pipeline review {slug}`")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="run the whole pipeline for the bundled sample company")
    p.set_defaults(func=demo)
