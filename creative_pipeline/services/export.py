"""Export use-case: everything a company got, portable, behind the publish gate.

JSON: personas, scripts with every score part and compliance verdict, the winners that ship
with briefs, reviews and media (signed URLs, valid for SIGNED_URL_TTL_S). By default only
creatives a person approved (GREEN review) ship; `include_all` ships every winner, each carrying
its review state and compliance verdict.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from creative_pipeline.media.export_bundle import manifest_json, scripts_csv, write_zip

from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.companies import get_company
from creative_pipeline.resources.supabase.repositories.compliance import load_compliance
from creative_pipeline.resources.supabase.repositories.media import StoredMedia, load_media
from creative_pipeline.resources.supabase.repositories.reviews import latest_reviews
from creative_pipeline.resources.supabase.storage import ObjectStorage, StorageError
from creative_pipeline.services.report import company_report, compliance_summary
from creative_pipeline.services.runtime import database, settings
from creative_pipeline.services.runtime import resources as default_resources


def _media_item(row: StoredMedia, storage: ObjectStorage, ttl_s: int) -> dict[str, Any]:
    """One media entry of the manifest (a documented format: these keys, in this order)."""
    item = {"kind": row.kind, "variant": row.variant, "status": row.status, "error": row.error,
            "bucket": row.storage_bucket, "path": row.storage_path, "content_type": row.content_type,
            "bytes": row.bytes, "provider": row.provider, "model": row.model,
            # the name the ad runs under (`<winner>_V<n>`), its placement and the platform's own CTA
            # button value (the picture carries the CTA as text, never as a drawn button)
            "ad_name": row.data.get("variant_name"), "placement": row.placement or None,
            "cta_button": row.data.get("cta_button")}
    if row.ok and row.storage_path:
        try:
            item["url"] = storage.signed_url(row.storage_path, ttl_s)
        except StorageError as exc:
            item["url"], item["error"] = None, f"object missing from storage: {exc}"
    return item


def build_manifest(db: Database, storage: ObjectStorage, key: str, ttl_s: int, *, include_all: bool = False) -> dict[str, Any]:
    """The export document (JSON-ready); media entries carry signed URLs.

    The publish gate: `winners` holds what ships — only creatives whose latest review is GREEN
    (a person approved them), unless `include_all`, when every winner ships carrying its review
    state and compliance verdict for the receiver to judge. `held_back` says what was left out."""
    with db.transaction() as conn:
        report = company_report(conn, key)
        company = get_company(conn, key)
        media = load_media(conn, company.id)
        reviews = latest_reviews(conn, company.id)
        verdicts = load_compliance(conn, company.id)
    rows_by_name: dict[str | None, list[StoredMedia]] = {}
    for row in media:
        rows_by_name.setdefault(row.creative_name, []).append(row)
    winners, held_back = [], []
    for brief in report["briefs"]:
        review = reviews.get(brief["creative_name"])
        compliance = compliance_summary(verdicts.get(brief["script_id"]))
        if not include_all and (review is None or review.status != "GREEN"):  # held back: no links are signed
            held_back.append({"rank": brief["rank"], "creative_name": brief["creative_name"],
                              "review": review.status if review else None, "compliance": compliance["verdict"]})
            continue
        items = [_media_item(r, storage, ttl_s) for r in rows_by_name.get(brief["creative_name"], [])]
        winners.append({
            **{k: brief[k] for k in ("rank", "script_id", "creative_name", "abcd", "persona_name", "final_score", "provider")},
            "image_brief": brief["image"], "video_brief": brief["video"], "brief_version": len(brief["history"]) + 1,
            "brief_history": brief["history"],
            "review": review.status if review else None, "review_feedback": review.feedback if review else None,
            "compliance": compliance, "brief_compliance": brief.get("compliance"),
            "media": {
                "images": [i for i in items if i["kind"] == "image"],  # the clean plates
                "ads": [i for i in items if i["kind"] == "ad"],  # what runs: a plate per placement, words laid over
                "thumbnails": [i for i in items if i["kind"] == "thumbnail"],
                "video": next((i for i in items if i["kind"] == "video"), None),
            },
        })
    # the contact sheet shows every winner: it ships only when nothing is held back
    sheet_rows = rows_by_name.get(None, [])[:1] if not held_back else []
    sheet = _media_item(sheet_rows[0], storage, ttl_s) if sheet_rows else None
    return {
        "exported_at": datetime.now(timezone.utc).isoformat(), "signed_urls_expire_in_s": ttl_s,
        "storage_backend": storage.backend, "company": report["company"], "personas": report["personas"],
        "scripts": report["scripts"], "winners": winners, "contact_sheet": sheet, "usage": report["usage"],
        "publish_gate": {
            "ships": "every winner, with its review state and compliance verdict" if include_all
            else "only creatives a person approved (latest review GREEN)",
            "shipped": len(winners), "held_back": held_back,
        },
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


class HeldBack(BaseModel):
    rank: int
    creative_name: str
    review: str | None
    compliance: str | None


class ExportResult(BaseModel):
    """What `export_company` produced: the document (json/csv) or the archive written (zip), and
    what the publish gate shipped and held back."""

    company: str
    format: Literal["json", "csv", "zip"]
    ships: str
    shipped: int
    held_back: list[HeldBack]
    text: str | None = None  # json / csv
    path: Path | None = None  # zip
    media_files: int = 0


def export_company(key: str, fmt: Literal["json", "csv", "zip"], *, include_all: bool = False,
                   target: Path | None = None, resources: dict[str, Any] | None = None) -> ExportResult:
    """Everything a company got, portable: JSON or CSV text, or a ZIP with the media files at
    `target` (a directory gets `<company>-export.zip`). UnknownCompany for an unknown key."""
    storage = (resources or default_resources())["supabase"].storage()
    manifest = build_manifest(database(), storage, key, settings().signed_url_ttl_s, include_all=include_all)
    slug, gate = manifest["company"]["partition_key"], manifest["publish_gate"]
    result = ExportResult(company=slug, format=fmt, ships=gate["ships"], shipped=gate["shipped"],
                          held_back=[HeldBack(**h) for h in gate["held_back"]])
    if fmt != "zip":
        return result.model_copy(update={"text": manifest_json(manifest) if fmt == "json" else scripts_csv(manifest)})
    path = Path(target or f"{slug}-export.zip")
    path = path / f"{slug}-export.zip" if path.is_dir() else path
    count = write_zip(path, manifest, media_files(manifest, storage))
    return result.model_copy(update={"path": path, "media_files": count})
