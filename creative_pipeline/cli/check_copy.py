"""`check-copy FILE|- [--json]`: ad copy written anywhere, one per line, through the same
compliance rules as the pipeline (and the Gemini check when GEMINI_API_KEY is set).

It reports; it does not fail: exit 0 whatever the verdicts, 2 only when the input is unusable
(missing, unreadable, binary, not UTF-8, or empty).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from creative_pipeline.cli.runtime import fail, progress, settings
from creative_pipeline.services.compliance import UnusableInput, check_ad_copy, copy_lines


def _read(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        fail(f"cannot read {source}: {exc.strerror or exc}")


def check_copy_command(args: argparse.Namespace) -> int:
    try:
        lines = copy_lines(_read(args.file))
    except UnusableInput as exc:
        fail(str(exc))
    s = settings()
    if not s.offline:
        progress(f"checking {len(lines)} lines with the rules and the Gemini check ({s.gemini_text_model})")
    results = check_ad_copy(lines)
    if args.json:
        print(json.dumps([r.model_dump(mode="json") for r in results], indent=2, ensure_ascii=False))
        return 0
    for r in results:
        print(f"{r.verdict:<6}  {r.text}")
        for reason in r.reasons:
            where = "; ".join(f"{k}: {v}" for k, v in reason.policies.items()) or reason.source
            print(f"        - {reason.rule_id} ({reason.policy_area}) “{reason.matched}” — {where}")
    counts = {v: sum(1 for r in results if r.verdict == v) for v in ("GREEN", "YELLOW", "RED")}
    progress(f"{len(results)} lines: {counts['GREEN']} GREEN, {counts['YELLOW']} YELLOW, {counts['RED']} RED; "
             f"Gemini check: {results[0].gemini_check if results else 'n/a'}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check-copy", help="check ad copy (one per line) against the ad-policy rules")
    p.add_argument("file", help="a text file, or - for stdin")
    p.add_argument("--json", action="store_true", help="a JSON list of {text, verdict, reasons} in input order")
    p.set_defaults(func=check_copy_command)
