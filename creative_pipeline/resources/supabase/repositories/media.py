"""SQL for media rows of `assets` (kinds image, thumbnail, video, contact_sheet).

A media row holds where the object is (bucket + path inside it), its size and type, and — for
a failed generation — the reason; never the bytes. Each stage replaces its own kinds in one
transaction, so a re-run leaves exactly one row per (creative, kind, variant).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb
from pydantic import BaseModel, Field

MediaKind = Literal["image", "thumbnail", "video", "contact_sheet"]
IMAGE_KINDS: tuple[MediaKind, ...] = ("image", "thumbnail", "contact_sheet")
VIDEO_KINDS: tuple[MediaKind, ...] = ("video",)


class MediaRecord(BaseModel):
    """One media row; `path` is relative to `bucket` (e.g. `acme/<creative>/image_v1.png`)."""

    kind: MediaKind
    script_id: str | None = None
    creative_name: str | None = None
    variant: int = Field(default=1, ge=1)
    status: Literal["ok", "failed"] = "ok"
    error: str | None = None
    bucket: str | None = None
    path: str | None = None
    content_type: str | None = None
    size: int | None = None
    provider: str
    model: str  # the model that actually produced it
    data: dict[str, Any] = Field(default_factory=dict)
    fallback_reason: str | None = None  # why `model` is a fallback model (None: the configured one)


class StoredMedia(BaseModel):
    """A media row as stored (`load_media`): where the object is, what made it, and `data`, the
    stage's free-form notes. The notes every stage reads (`brief_sha`, `rank`, `approved`) are
    properties, so callers name them; the rest (sha256, width, persona, ...) stay in `data`."""

    id: UUID
    script_id: UUID | None = None
    kind: MediaKind
    creative_name: str | None = None
    variant: int = 1
    status: Literal["ok", "failed"] = "ok"
    error: str | None = None
    storage_bucket: str | None = None
    storage_path: str | None = None
    content_type: str | None = None
    bytes: int | None = None
    data: dict[str, Any] = Field(default_factory=dict)
    provider: str
    model: str
    fallback_reason: str | None = None  # why `model` is a fallback model (None: the configured one)
    created_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def brief_sha(self) -> str | None:
        """The hash of the brief this object was rendered from (a changed brief makes it stale)."""
        return self.data.get("brief_sha")

    @property
    def rank(self) -> int | None:
        """The winner rank the creative had when it was rendered."""
        return self.data.get("rank")

    @property
    def approved(self) -> bool:
        """A video: rendered (or kept) under a person's approval."""
        return bool(self.data.get("approved"))

    def as_record(self, **data: Any) -> MediaRecord:
        """The row to write back unchanged (a kept object), its `data` updated with `data`."""
        return MediaRecord(
            kind=self.kind, script_id=str(self.script_id) if self.script_id else None, creative_name=self.creative_name,
            variant=self.variant, status=self.status, error=self.error, bucket=self.storage_bucket,
            path=self.storage_path, content_type=self.content_type, size=self.bytes, provider=self.provider,
            model=self.model, fallback_reason=self.fallback_reason, data={**self.data, **data},
        )


def delete_media(conn: psycopg.Connection, company_id: UUID, kinds: tuple[MediaKind, ...],
                 creative_names: list[str] | None = None) -> int:
    """Delete the company's rows of `kinds` (only those creatives when names are given)."""
    if creative_names is None:
        cur = conn.execute("delete from assets where company_id = %s and kind = any(%s)", (company_id, list(kinds)))
    else:
        cur = conn.execute(
            "delete from assets where company_id = %s and kind = any(%s) and creative_name = any(%s)",
            (company_id, list(kinds), creative_names),
        )
    return cur.rowcount


def insert_media(conn: psycopg.Connection, company_id: UUID, records: list[MediaRecord]) -> None:
    with conn.cursor() as cur:
        cur.executemany(
            "insert into assets (company_id, script_id, kind, creative_name, variant, status, error, storage_bucket, "
            "storage_path, content_type, bytes, data, provider, model, fallback_reason) "
            "values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            [
                (company_id, r.script_id, r.kind, r.creative_name, r.variant, r.status, r.error, r.bucket, r.path,
                 r.content_type, r.size, Jsonb(r.data), r.provider, r.model, r.fallback_reason)
                for r in records
            ],
        )


def load_media(conn: psycopg.Connection, company_id: UUID, kinds: tuple[MediaKind, ...] | None = None) -> list[StoredMedia]:
    """Media rows, ordered by winner rank (from the row's data), creative, kind and variant."""
    kinds = kinds or ("image", "thumbnail", "video", "contact_sheet")
    rows = conn.execute(
        "select id, script_id, kind, creative_name, variant, status, error, storage_bucket, storage_path, "
        "content_type, bytes, data, provider, model, fallback_reason, created_at from assets "
        "where company_id = %s and kind = any(%s) "
        "order by (data->>'rank')::int nulls last, creative_name, kind, variant",
        (company_id, list(kinds)),
    ).fetchall()
    return [StoredMedia.model_validate(r) for r in rows]


class MediaCount(BaseModel):
    """One kind's rows: how many are ok, how many failed, and the bytes the ok ones hold."""

    ok: int = 0
    failed: int = 0
    bytes: int = 0


def media_summary(conn: psycopg.Connection, company_id: UUID) -> dict[str, MediaCount]:
    """kind -> its counts: the numbers the summary prints (a kind with no rows is absent)."""
    rows = conn.execute(
        "select kind, count(*) filter (where status = 'ok') as ok, count(*) filter (where status = 'failed') as failed, "
        "coalesce(sum(bytes) filter (where status = 'ok'), 0)::bigint as bytes from assets "
        "where company_id = %s and kind in ('image', 'thumbnail', 'video', 'contact_sheet') group by kind",
        (company_id,),
    ).fetchall()
    return {r["kind"]: MediaCount(ok=r["ok"], failed=r["failed"], bytes=int(r["bytes"])) for r in rows}
