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

from creative_pipeline.cli.runtime import database, fail, progress, settings
from creative_pipeline.media.export_bundle import manifest_json, scripts_csv, write_zip
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.repositories.companies import UnknownCompany
from creative_pipeline.services.export import build_manifest, media_files


def export(args: argparse.Namespace) -> int:
    s = settings()
    storage = build_resources(s)["supabase"].storage()
    try:
        manifest = build_manifest(database(s), storage, args.company, s.signed_url_ttl_s, include_all=args.all)
    except UnknownCompany as exc:
        fail(str(exc))
    slug = manifest["company"]["partition_key"]
    gate = manifest["publish_gate"]
    held = ", ".join(f"#{h['rank']} ({h['review'] or 'not reviewed'})" for h in gate["held_back"])
    progress(f"export: {gate['shipped']} creatives ship ({gate['ships']})"
             + (f"; held back: {held} — approve with `creative-pipeline review {slug} --approve RANK`, "
                "or export them anyway with --all" if held else ""))
    if args.format == "zip":
        target = Path(args.output or f"{slug}-export.zip")
        if target.is_dir():
            target = target / f"{slug}-export.zip"
        count = write_zip(target, manifest, media_files(manifest, storage))
        progress(f"wrote {target} ({count} media files, manifest.json, scripts.csv)")
        return 0
    text = manifest_json(manifest) if args.format == "json" else scripts_csv(manifest)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        progress(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="personas, scripts, scores, winners, briefs and media links (json/csv) or files (zip)")
    p.add_argument("company", help="partition key (slug) or id")
    p.add_argument("--format", choices=["json", "csv", "zip"], default="json")
    p.add_argument("--all", action="store_true",
                   help="ship every winner, not only approved ones; each carries its review state and compliance verdict")
    p.add_argument("--output", "-o", help="file to write (zip default: ./<company>-export.zip; json/csv default: stdout)")
    p.set_defaults(func=export)
