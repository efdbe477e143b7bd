"""What a person does in the studio: add a company, review a winner, open a media object, download.

Each action first reads as the viewer (RLS: may they see this company?); writes a user may not make
directly (a company row with a free slug, a revised brief, the ledger) are then made with the
service connection. Nothing here starts a run: the sensors react to the rows written (a new company,
a GREEN review), so every run shows in the Dagster UI under its job."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from creative_pipeline.domain.company import Company, CompanyIn
from creative_pipeline.domain.review import Review
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.companies import insert_company
from creative_pipeline.resources.supabase.repositories.media import load_media
from creative_pipeline.resources.supabase.repositories.reviews import latest_reviews
from creative_pipeline.resources.supabase.repositories.studio import set_reviewer
from creative_pipeline.resources.supabase.storage import ObjectStorage, safe_segment, validate_object_path
from creative_pipeline.services.brand_assets import BrandInputRefused, add_company_with_images
from creative_pipeline.services.export import build_manifest, media_files
from creative_pipeline.services.review import MAX_FEEDBACK, ReviewAction
from creative_pipeline.services.review_desk import decide
from creative_pipeline.services.studio_access import Viewer, reader, visible_company


__all__ = ["BrandInputRefused", "ReviewRequest", "StaleBrief", "add_company_for", "download", "media_object",
           "review_winner"]


class StaleBrief(ValueError):
    """The reviewer saw an earlier version of the brief than the one stored now."""


class ReviewRequest(BaseModel):
    """The JSON API's review body (and the page form's fields)."""

    rank: int = Field(ge=1)
    status: Literal["GREEN", "YELLOW", "RED"]
    feedback: str | None = Field(default=None, max_length=MAX_FEEDBACK)
    reviewer: str | None = Field(default=None, max_length=200)
    brief_version: int | None = Field(default=None, ge=1)


def add_company_for(db: Database, viewer: Viewer, storage: ObjectStorage, company: CompanyIn,
                    images: list[tuple[str, bytes]] | None = None) -> Company:
    """Insert the row `new_companies_sensor` picks up, owned by the viewer when signed in, with the
    brand's product photos (checked by the brand-assets service: magic bytes, size, a decode; a bad
    file writes nothing — BrandInputRefused). Made with the service connection: a free slug must be
    chosen among every company, not only the viewer's."""
    owned = company.model_copy(update={"user_id": viewer.user_id})
    if not images:
        with db.transaction() as conn:
            return insert_company(conn, owned)
    with tempfile.TemporaryDirectory(prefix="cp-studio-upload-") as folder:
        paths = []
        for i, (name, data) in enumerate(images, start=1):
            path = Path(folder) / f"{i}-{safe_segment(Path(name).name or 'image')}"  # never the client's path
            path.write_bytes(data)
            paths.append(path)
        try:
            added, _ = add_company_with_images(db, storage, owned, paths)
        except BrandInputRefused as exc:  # name the file as the person sent it, not our temporary path
            raise BrandInputRefused(str(exc).replace(f"{folder}/", "")) from exc
    return added


def review_winner(db: Database, viewer: Viewer, gemini: GenerationResource, key: str, request: ReviewRequest) -> Review:
    """Record one review through the review service, refusing a brief that changed since the
    reviewer loaded it (StaleBrief, with the versions). YELLOW revises and RED re-rolls the brief."""
    company = visible_company(db, viewer, key)
    with reader(db, viewer).transaction() as conn:
        briefs = {b.rank: b for b in load_briefs(conn, company.id)}
    brief = briefs.get(request.rank)
    if brief is None:
        raise LookupError(f"{company.slug} has no winner with rank {request.rank}")
    if request.brief_version is not None and request.brief_version != brief.version:
        raise StaleBrief(
            f"the brief of rank {request.rank} ({brief.creative_name}) is at version {brief.version}, "
            f"but you reviewed version {request.brief_version}: it changed since you loaded it — reload and review again")
    label = request.reviewer or viewer.label
    action = ReviewAction(rank=request.rank, status=request.status, feedback=request.feedback)
    outcome = decide(company, [action], label, resources={"gemini": gemini}, db=db)[0]
    if outcome.error:
        raise ValueError(outcome.error)
    with db.transaction() as conn:
        review = latest_reviews(conn, company.id)[brief.creative_name]
        if viewer.user_id is not None:
            review = set_reviewer(conn, review.id, viewer.user_id)
    return review


def media_object(db: Database, viewer: Viewer, storage: ObjectStorage, key: str, path: str) -> tuple[bytes, str]:
    """(bytes, content type) of one of the company's stored media objects. The path must be one the
    company's own media rows name (read as the viewer): any other path — another company's, a
    traversal, a file outside the bucket — is LookupError, the same answer as a missing object."""
    try:
        path = validate_object_path(path)
    except ValueError as exc:
        raise LookupError(f"no media object {path!r}") from exc
    company = visible_company(db, viewer, key)
    with reader(db, viewer).transaction() as conn:
        rows = {m.storage_path: m for m in load_media(conn, company.id) if m.ok and m.storage_path}
    row = rows.get(path)
    if row is None:
        raise LookupError(f"no media object {path!r} for {company.slug}")
    return storage.get(path), row.content_type or "application/octet-stream"


def download(db: Database, viewer: Viewer, storage: ObjectStorage, key: str, fmt: str, ttl_s: int,
             include_all: bool = False) -> tuple[bytes, str, str]:
    """(body, content type, file name) of the company's export behind the publish gate (only
    approved creatives ship unless `include_all`): json = the manifest, csv = one line per shipped
    winner, zip = the manifest with every shipped media file."""
    company = visible_company(db, viewer, key)
    manifest = build_manifest(reader(db, viewer), storage, company.slug, ttl_s, include_all=include_all)  # type: ignore[arg-type]
    if fmt == "json":
        return json.dumps(manifest, indent=2, default=str).encode(), "application/json", f"{company.slug}.json"
    if fmt == "csv":
        return _csv(manifest), "text/csv", f"{company.slug}.csv"
    if fmt == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in media_files(manifest, storage):
                archive.writestr(name, data)
            archive.writestr("manifest.json", json.dumps(manifest, indent=2, default=str))
        return buffer.getvalue(), "application/zip", f"{company.slug}.zip"
    raise LookupError(f"unknown download format {fmt!r}: json, csv or zip")


def _csv(manifest: dict[str, Any]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["rank", "creative_name", "persona", "final_score", "review", "compliance", "headline", "cta"])
    for w in manifest["winners"]:
        writer.writerow([w["rank"], w["creative_name"], w["persona_name"], w["final_score"], w["review"],
                         (w["compliance"] or {}).get("verdict"), w["image_brief"].get("headline"),
                         w["image_brief"].get("cta")])
    return out.getvalue().encode()
