"""`review COMPANY`: look at the winners' images and approve, give feedback or reject.

    creative-pipeline review acme                      # list (or, on a terminal, ask per winner)
    creative-pipeline review acme --approve 1 2 3      # GREEN: these get videos
    creative-pipeline review acme --feedback 4 "warmer light, show the can"   # YELLOW: brief revised
    creative-pipeline review acme --reject 5           # RED: brief re-rolled
    ... --render                                       # re-render revised images / approved videos now
    creative-pipeline review acme --override 4 "FDA 510(k) K123456 covers this claim"   # compliance override

Flags are what scripts and tests use; the prompt is for people. Approvals are picked up by
`video_approvals_sensor` (with `make dev` running); `--render` does the work in-process instead.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from pydantic import ValidationError

from creative_pipeline.cli.review_listing import print_listing
from creative_pipeline.cli.runtime import fail, progress, settings
from creative_pipeline.cli.run import report_failure
from creative_pipeline.domain.company import Company
from creative_pipeline.services.companies import get_company
from creative_pipeline.services.estimate import estimate
from creative_pipeline.services.renders import render_approved
from creative_pipeline.services.review import ReviewAction, ReviewOutcome
from creative_pipeline.services.review_desk import decide, override, winners_for_review
from creative_pipeline.services.review_listing import ReviewRow
from creative_pipeline.services.runtime import resources as configured_resources

PROMPT = "  [g]reen approve / [y]ellow feedback / [r]ed reject / [s]kip / [q]uit > "


def actions_from_flags(args: argparse.Namespace) -> list[ReviewAction]:
    actions = [ReviewAction(rank=r, status="GREEN") for r in args.approve or []]
    actions += [ReviewAction(rank=int(rank), status="YELLOW", feedback=text) for rank, text in args.feedback or []]
    actions += [ReviewAction(rank=r, status="RED") for r in args.reject or []]
    return actions


def ask(rows: list[ReviewRow]) -> list[ReviewAction]:
    """One question per winner; 'q' stops asking and keeps what was answered."""
    actions = []
    for row in rows:
        print(f"\n#{row.rank} {row.creative_name} (now: {row.review or 'not reviewed'})")
        try:
            answer = input(PROMPT).strip().lower()[:1]
        except EOFError:  # Ctrl-D: stop asking, keep the answers so far
            break
        if answer == "q":
            break
        if answer == "g":
            actions.append(ReviewAction(rank=row.rank, status="GREEN"))
        elif answer == "y":
            actions.append(ReviewAction(rank=row.rank, status="YELLOW", feedback=input("  feedback > ").strip()))
        elif answer == "r":
            actions.append(ReviewAction(rank=row.rank, status="RED"))
    return actions


def render(company: Company, outcomes: list[ReviewOutcome], verbose: bool = False) -> bool:
    """Re-render revised images and approved videos now (services/renders.py), one line per run."""
    revised = [o.rank for o in outcomes if o.revised]
    report = render_approved(company, revised_ranks=revised, launched_by="cli", verbose=verbose)
    if report.waiting_videos:
        progress(f"rendering {len(report.waiting_videos)} approved video(s): {', '.join(report.waiting_videos)}")
    if not report.runs:
        progress("  nothing to render: no revised briefs and no approvals waiting for a video")
    for run in report.runs:
        stage = "ad_videos" if run.job == "company_videos" else "ad_images"
        if run.success:
            progress(f"  {stage}: ok")
        else:
            report_failure(run, verbose, stage)
    return report.success


def overrides(company: Company, args: argparse.Namespace) -> int:
    """Record compliance overrides (audited, with reasons); winners pick them up when re-run."""
    for key, reason in args.override:
        try:
            o = override(company, key, reason, args.reviewer or f"cli:{getpass.getuser()}", args.override_verdict)
        except ValueError as exc:
            fail(str(exc))
        where = f"#{o.rank}" if o.rank else f"script {o.script_id[:8]}"
        print(f"{where} {o.headline[:60]!r}: compliance {o.verdict_before or 'unchecked'} -> {o.verdict} "
              f"(override recorded: {o.reason})")
    print(f"winners use overrides when re-materialized: `creative-pipeline run {company.slug}` or `winners` in the UI")
    return 0


def print_video_estimate(slug: str) -> None:
    """Before anyone approves a video: what rendering them costs at most, next to the budget."""
    result = estimate(slug)
    videos = result.stages["ad_videos"]
    budget = "no limit" if result.budget_usd is None else f"${result.budget_usd:.2f}"
    print(f"\nvideos: {result.videos_basis} cost at most ${videos.usd:.2f} at list prices ({videos.model}); "
          f"spent so far ${result.spent_usd:.2f} of {budget}")


def review(args: argparse.Namespace) -> int:
    s, policy = settings(), configured_resources()["media"]
    company = get_company(args.company)
    if args.override:
        return overrides(company, args)
    try:
        actions = actions_from_flags(args)
    except ValidationError as exc:
        fail("; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors()))
    except ValueError as exc:
        fail(f"--feedback takes RANK TEXT: {exc}")
    rows = winners_for_review(company)
    if not rows:
        fail(f"{company.slug} has no creative briefs yet: run `creative-pipeline run {company.slug}` first")
    if not actions and args.render:  # no new decisions: render the approvals still waiting for a video
        return 0 if render(company, [], args.verbose) else 1
    if not actions:
        if args.json:
            print(json.dumps([r.model_dump(mode="json") for r in rows], indent=2))
            return 0
        print_listing(company, rows, policy, configured_resources()["supabase"].storage(), s.signed_url_ttl_s)
        print_video_estimate(company.slug)
        if not sys.stdin.isatty():
            return 0
        actions = ask(rows)
        if not actions:
            return 0
    try:
        outcomes = decide(company, actions, args.reviewer or f"cli:{getpass.getuser()}")
    except ValueError as exc:
        fail(str(exc))
    top_n = policy.video_top_n
    for o in outcomes:
        what = {"GREEN": "approved", "YELLOW": "feedback: brief revised", "RED": "rejected: brief re-rolled"}[o.status]
        note = f"  ERROR {o.error}" if o.error else (f" (now v{o.brief_version})" if o.revised else "")
        if o.status == "GREEN" and not policy.approval_gate:
            note += "  — the approval gate is off (VIDEO_APPROVAL_GATE=false): the top N get videos anyway"
        elif o.status == "GREEN" and o.rank > top_n:
            note += f"  — outside the top {top_n} (VIDEO_TOP_N): no video will be rendered"
        print(f"#{o.rank} {o.creative_name}: {what}{note}")
    if args.render:
        if not render(company, outcomes, args.verbose):
            return 1
    elif any(o.revised for o in outcomes) or any(o.status == "GREEN" for o in outcomes):
        print("videos: video_approvals_sensor renders approvals (make dev); or add --render to render now, "
              "which also re-renders the images of revised briefs")
    return 1 if any(o.error for o in outcomes) else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="list winners with image links; approve (GREEN), feedback (YELLOW), reject (RED)")
    p.add_argument("company", help="partition key (slug) or id")
    p.add_argument("--approve", type=int, nargs="+", action="extend", metavar="RANK", help="GREEN: approve for video")
    p.add_argument("--feedback", nargs=2, action="append", metavar=("RANK", "TEXT"), help="YELLOW: revise the brief")
    p.add_argument("--reject", type=int, nargs="+", action="extend", metavar="RANK", help="RED: re-roll the brief")
    p.add_argument("--override", nargs=2, action="append", metavar=("RANK", "REASON"),
                   help="override the compliance verdict of winner RANK (or of a script by id prefix), with a reason")
    p.add_argument("--override-verdict", choices=["GREEN", "YELLOW", "RED"], default="GREEN",
                   help="the verdict an --override sets (default GREEN)")
    p.add_argument("--reviewer", help="who is reviewing (default cli:<user>)")
    p.add_argument("--render", action="store_true", help="render now: revised images and approved videos")
    p.add_argument("--json", action="store_true", help="list as JSON (no prompt)")
    p.add_argument("--verbose", "-v", action="store_true", help="a failed render's stack trace and Dagster's log lines")
    p.set_defaults(func=review)
