"""`export COMPANY --format json|csv|zip [--output PATH]`: everything a company got, portable.

JSON: personas, scripts with every score part, winners with briefs, reviews and media (signed
URLs, valid for SIGNED_URL_TTL_S). CSV: one row per script with the same links. ZIP: the media
files themselves, manifest.json (paths inside the archive next to the URLs) and scripts.csv.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from creative_pipeline.cli.report import company_report
from creative_pipeline.cli.runtime import database, fail, progress, settings
from creative_pipeline.media.export_bundle import manifest_json, scripts_csv, write_zip
from creative_pipeline.resources.build import build_resources
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.companies import UnknownCompany, get_company
from creative_pipeline.resources.supabase.repositories.media import load_media
from creative_pipeline.resources.supabase.repositories.reviews import latest_reviews
from creative_pipeline.resources.supabase.storage import ObjectStorage, StorageError


def _media_item(row: dict[str, Any], storage: ObjectStorage, ttl_s: int) -> dict[str, Any]:
    item = {"kind": row["kind"], "variant": row["variant"], "status": row["status"], "error": row["error"],
            "bucket": row["storage_bucket"], "path": row["storage_path"], "content_type": row["content_type"],
            "bytes": row["bytes"], "provider": row["provider"], "model": row["model"]}
    if row["status"] == "ok" and row["storage_path"]:
        try:
            item["url"] = storage.signed_url(row["storage_path"], ttl_s)
        except StorageError as exc:
            item["url"], item["error"] = None, f"object missing from storage: {exc}"
    return item


def build_manifest(db: Database, storage: ObjectStorage, key: str, ttl_s: int) -> dict[str, Any]:
    """The export document (JSON-ready); media entries carry signed URLs."""
    with db.transaction() as conn:
        report = company_report(conn, key)
        company = get_company(conn, key)
        media = load_media(conn, company.id)
        reviews = latest_reviews(conn, company.id)
    by_name: dict[str | None, list[dict[str, Any]]] = {}
    for row in media:
        by_name.setdefault(row["creative_name"], []).append(_media_item(row, storage, ttl_s))
    winners = []
    for brief in report["briefs"]:
        items = by_name.get(brief["creative_name"], [])
        review = reviews.get(brief["creative_name"])
        winners.append({
            **{k: brief[k] for k in ("rank", "script_id", "creative_name", "abcd", "persona_name", "final_score", "provider")},
            "image_brief": brief["image"], "video_brief": brief["video"], "brief_version": len(brief["history"]) + 1,
            "brief_history": brief["history"],
            "review": review["status"] if review else None, "review_feedback": review["feedback"] if review else None,
            "media": {
                "images": [i for i in items if i["kind"] == "image"],
                "thumbnails": [i for i in items if i["kind"] == "thumbnail"],
                "video": next((i for i in items if i["kind"] == "video"), None),
            },
        })
    sheet = next(iter(by_name.get(None, [])), None)
    return {
        "exported_at": datetime.now(timezone.utc).isoformat(), "signed_urls_expire_in_s": ttl_s,
        "storage_backend": storage.backend, "company": report["company"], "personas": report["personas"],
        "scripts": report["scripts"], "winners": winners, "contact_sheet": sheet, "usage": report["usage"],
    }


def media_files(manifest: dict[str, Any], storage: ObjectStorage) -> list[tuple[str, bytes]]:
    """(archive name, bytes) for every stored object; the manifest gets each one's `file`."""
    files = []
    entries = [manifest["contact_sheet"]] if manifest["contact_sheet"] else []
    for w in manifest["winners"]:
        entries += w["media"]["images"] + w["media"]["thumbnails"] + ([w["media"]["video"]] if w["media"]["video"] else [])
    for entry in entries:
        if entry["status"] == "ok" and entry.get("url"):
            entry["file"] = f"media/{entry['path']}"
            files.append((entry["file"], storage.get(entry["path"])))
    return files


def export(args: argparse.Namespace) -> int:
    s = settings()
    storage = build_resources(s)["supabase"].storage()
    try:
        manifest = build_manifest(database(s), storage, args.company, s.signed_url_ttl_s)
    except UnknownCompany as exc:
        fail(str(exc))
    slug = manifest["company"]["partition_key"]
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
    p.add_argument("--output", "-o", help="file to write (zip default: ./<company>-export.zip; json/csv default: stdout)")
    p.set_defaults(func=export)
