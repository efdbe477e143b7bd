"""`export COMPANY --format json|csv|zip [--all] [--output PATH]`: everything a company got, portable.

Only creatives a person approved (GREEN review) ship unless `--all` (services/export.py).

JSON: personas, scripts with every score part, winners with briefs, reviews and media (signed
URLs, valid for SIGNED_URL_TTL_S). CSV: one row per script with the same links. ZIP: the media
files themselves, manifest.json (paths inside the archive next to the URLs) and scripts.csv.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from creative_pipeline.cli.runtime import progress
from creative_pipeline.services.export import export_company


def export(args: argparse.Namespace) -> int:
    target = Path(args.output) if args.output and args.format == "zip" else None
    result = export_company(args.company, args.format, include_all=args.all, target=target)
    held = ", ".join(f"#{h.rank} ({h.review or 'not reviewed'})" for h in result.held_back)
    progress(f"export: {result.shipped} creatives ship ({result.ships})"
             + (f"; held back: {held} — approve with `creative-pipeline review {result.company} --approve RANK`, "
                "or export them anyway with --all" if held else ""))
    if result.path is not None:
        progress(f"wrote {result.path} ({result.media_files} media files, manifest.json, scripts.csv)")
        return 0
    if args.output:
        Path(args.output).write_text(result.text or "", encoding="utf-8")
        progress(f"wrote {args.output}")
    else:
        sys.stdout.write(result.text or "")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="personas, scripts, scores, winners, briefs and media links (json/csv) or files (zip)")
    p.add_argument("company", help="partition key (slug) or id")
    p.add_argument("--format", choices=["json", "csv", "zip"], default="json")
    p.add_argument("--all", action="store_true",
                   help="ship every winner, not only approved ones; each carries its review state and compliance verdict")
    p.add_argument("--output", "-o", help="file to write (zip default: ./<company>-export.zip; json/csv default: stdout)")
    p.set_defaults(func=export)
