"""The studio's Performance page and its upload: an ad-platform export becomes an object in the
exports bucket and a pending `performance_imports` row, which `performance_uploads_sensor` turns
into a `performance_import` run — the studio never imports in the web request.

Insights are read as the viewer: signed in, their own companies' insights (the portfolio rows span
every company, so RLS keeps them to the pipeline); locally, the portfolio. A period fed by the demo's
made-up export is labelled SYNTHETIC."""

from __future__ import annotations

import csv
import hashlib
import io
from collections import defaultdict

from pydantic import BaseModel

from creative_pipeline.domain.performance import StoredInsight
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.companies import list_with_status
from creative_pipeline.resources.supabase.repositories.companies import get_company
from creative_pipeline.resources.supabase.repositories.insights import latest_insights
from creative_pipeline.resources.supabase.repositories.performance import create_import
from creative_pipeline.resources.supabase.repositories.studio import ImportSummary, period_is_synthetic, recent_imports
from creative_pipeline.resources.supabase.storage import ObjectStorage, safe_segment
from creative_pipeline.services.studio_access import Viewer, reader

PLATFORMS = ("auto", "meta", "google_ads", "tiktok")
UPLOAD_TYPES = {".csv": "text/csv"}  # every supported platform exports CSV


class UploadRefused(ValueError):
    """An upload that is not an ad-platform export we can read; nothing was stored."""


class InsightGroup(BaseModel):
    title: str
    company: str | None  # partition key; None = the portfolio
    synthetic: bool
    period: str
    rows: list[StoredInsight]


class PerformancePage(BaseModel):
    imports: list[ImportSummary]
    groups: list[InsightGroup]


def check_export(data: bytes, file_name: str, max_bytes: int) -> str:
    """The export's safe file name, or UploadRefused with the reason (size, type, not a CSV table)."""
    if len(data) > max_bytes:
        raise UploadRefused(f"the file is {len(data)} bytes; the limit is {max_bytes} bytes")
    name = safe_segment(file_name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] or "export.csv")
    if not any(name.lower().endswith(ext) for ext in UPLOAD_TYPES):
        raise UploadRefused(f"{file_name!r} is not a .csv export (Meta, Google Ads and TikTok export CSV)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UploadRefused("the file is not text: an ad-platform export is a CSV file") from None
    if "\x00" in text:
        raise UploadRefused("the file is not text: an ad-platform export is a CSV file")
    rows = [r for r in csv.reader(io.StringIO(text[:65536])) if any(c.strip() for c in r)]
    if len(rows) < 2 or len(rows[0]) < 2:
        raise UploadRefused("the file has no table (a header row and at least one data row of 2+ columns)")
    return name


def upload_export(db: Database, viewer: Viewer, exports: ObjectStorage, data: bytes, file_name: str,
                  platform: str, max_bytes: int) -> ImportSummary:
    """Store the export and record a pending import for the sensor; returns the row."""
    if platform not in PLATFORMS:
        raise UploadRefused(f"unknown platform {platform!r}; one of {', '.join(PLATFORMS)}")
    name = check_export(data, file_name, max_bytes)
    sha = hashlib.sha256(data).hexdigest()
    path = f"studio/{sha[:16]}/{name}"
    exports.put(path, data, UPLOAD_TYPES[".csv"])
    with reader(db, viewer).transaction() as conn:  # RLS: a user may record imports as themselves only
        import_id = create_import(conn, platform, "storage", name, sha, path, user_id=viewer.user_id, status="pending")
    with db.transaction() as conn:
        return next(i for i in recent_imports(conn, 50) if i.id == import_id)


def performance_page(db: Database, viewer: Viewer) -> PerformancePage:
    scoped = reader(db, viewer)
    with scoped.transaction() as conn:
        imports = recent_imports(conn)
        if viewer.user_id is None:
            sets = [(None, latest_insights(conn))]
        else:
            sets = [(c.partition_key, latest_insights(conn, get_company(conn, c.partition_key).id))
                    for c in list_with_status(conn)]
    groups = []
    for company, rows in sets:
        if not rows:
            continue
        start, end = rows[0].period_start, rows[0].period_end
        with db.transaction() as conn:  # a yes/no about the period; no row of anyone else is shown
            synthetic = period_is_synthetic(conn, start, end)
        by_kind: dict[tuple[str, str | None], list[StoredInsight]] = defaultdict(list)
        for r in rows:
            by_kind[(r.type, r.dimension)].append(r)
        for (kind, dimension), items in sorted(by_kind.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
            groups.append(InsightGroup(
                title=f"{kind}" + (f" by {dimension}" if dimension else ""), company=company, synthetic=synthetic,
                period=f"{start} to {end}", rows=items))
    return PerformancePage(imports=imports, groups=groups)
