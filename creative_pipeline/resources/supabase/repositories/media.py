"""SQL for media rows of `assets` (kinds image, thumbnail, video, contact_sheet).

A media row holds where the object is (bucket + path inside it), its size and type, and — for
a failed generation — the reason; never the bytes. Each stage replaces its own kinds in one
transaction, so a re-run leaves exactly one row per (creative, kind, variant).
"""

from __future__ import annotations

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


def load_media(conn: psycopg.Connection, company_id: UUID, kinds: tuple[MediaKind, ...] | None = None) -> list[dict[str, Any]]:
    """Media rows, ordered by winner rank (from the row's data), creative, kind and variant."""
    kinds = kinds or ("image", "thumbnail", "video", "contact_sheet")
    return conn.execute(
        "select id, script_id, kind, creative_name, variant, status, error, storage_bucket, storage_path, "
        "content_type, bytes, data, provider, model, fallback_reason, created_at from assets "
        "where company_id = %s and kind = any(%s) "
        "order by (data->>'rank')::int nulls last, creative_name, kind, variant",
        (company_id, list(kinds)),
    ).fetchall()


def media_summary(conn: psycopg.Connection, company_id: UUID) -> dict[str, dict[str, int]]:
    """kind -> {ok, failed, bytes}: the numbers the summary and the checks print."""
    rows = conn.execute(
        "select kind, count(*) filter (where status = 'ok') as ok, count(*) filter (where status = 'failed') as failed, "
        "coalesce(sum(bytes) filter (where status = 'ok'), 0)::bigint as bytes from assets "
        "where company_id = %s and kind in ('image', 'thumbnail', 'video', 'contact_sheet') group by kind",
        (company_id,),
    ).fetchall()
    return {r["kind"]: {"ok": r["ok"], "failed": r["failed"], "bytes": int(r["bytes"])} for r in rows}
