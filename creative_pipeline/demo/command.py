"""`creative-pipeline demo`: the whole pipeline for the bundled sample company.

It serves the sample site on 127.0.0.1, allow-lists exactly that host:port for the fetcher,
upserts the sample company (same partition every time, so a second demo replaces rather than
duplicates), materializes the chain in-process and prints the summary.
"""

from __future__ import annotations

import argparse
import time

from creative_pipeline.cli.run import run_chain, stage_names
from creative_pipeline.cli.runtime import database, progress, settings
from creative_pipeline.cli.summary import print_summary
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
    with serve_sample_site() as url:
        host_port = url.removeprefix("http://").rstrip("/")
        progress(f"sample site served at {url} (allow-listed for the fetcher: {host_port})")
        slug = ensure_sample_company(url)
        resources = build_resources(s.model_copy(update={"web_allow_hosts": [*s.web_allow_hosts, host_port]}))
        extra = demo_resources(resources)
        provider = "gemini" if s.gemini_api_key else "offline — deterministic stand-in, NOT AI output"
        progress(f"company partition: {slug}; provider: {provider}")
        results = run_chain(
            slug, stage_names(None), resources=extra,
            on_stage=lambda i, n, st, sec, ok: progress(f"  [{i}/{n}] {st:<18} {'ok' if ok else 'FAILED'}  {sec:5.1f} s"),
        )
    if not all(ok for _, _, ok in results):
        progress(f"demo failed at stage {results[-1][0]}: run `make dev` and open the failed run for its logs")
        return 1
    print_summary(slug)
    print(f"\nDemo wall time: {time.monotonic() - started:.1f} s")
    return 0


def demo_resources(resources: dict) -> dict:
    """Hook for later stages (e.g. the demo approving its own top videos)."""
    return resources


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="run the whole pipeline for the bundled sample company")
    p.set_defaults(func=demo)
