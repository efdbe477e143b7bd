"""SQL for media rows of `assets` (kinds image, ad, thumbnail, video, contact_sheet).

A media row holds where the object is (bucket + path inside it), its size and type, and — for
a failed generation — the reason; never the bytes. Each stage replaces its own kinds in one
transaction, so a re-run leaves exactly one row per (creative, kind, variant, placement).
"""

from __future__ import annotations

from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb
from pydantic import BaseModel

from creative_pipeline.domain.media import (  # noqa: F401 - the models live in domain; callers import them here too
    IMAGE_KINDS,
    VIDEO_KINDS,
    MediaKind,
    MediaRecord,
    StoredMedia,
)

__all__ = ["IMAGE_KINDS", "VIDEO_KINDS", "MediaCount", "MediaKind", "MediaRecord", "StoredMedia", "delete_media",
           "insert_media", "load_media", "media_summary"]


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
            "insert into assets (company_id, script_id, kind, creative_name, variant, placement, status, error, "
            "storage_bucket, storage_path, content_type, bytes, data, provider, model, fallback_reason) "
            "values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            [
                (company_id, r.script_id, r.kind, r.creative_name, r.variant, r.placement, r.status, r.error, r.bucket, r.path,
                 r.content_type, r.size, Jsonb(r.data), r.provider, r.model, r.fallback_reason)
                for r in records
            ],
        )


def load_media(conn: psycopg.Connection, company_id: UUID, kinds: tuple[MediaKind, ...] | None = None) -> list[StoredMedia]:
    """Media rows, ordered by winner rank (from the row's data), creative, kind and variant."""
    kinds = kinds or ("image", "ad", "thumbnail", "video", "contact_sheet")
    rows = conn.execute(
        "select id, script_id, kind, creative_name, variant, placement, status, error, storage_bucket, storage_path, "
        "content_type, bytes, data, provider, model, fallback_reason, created_at from assets "
        "where company_id = %s and kind = any(%s) "
        "order by (data->>'rank')::int nulls last, creative_name, kind, variant, placement",
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
        "where company_id = %s and kind in ('image', 'ad', 'thumbnail', 'video', 'contact_sheet') group by kind",
        (company_id,),
    ).fetchall()
    return {r["kind"]: MediaCount(ok=r["ok"], failed=r["failed"], bytes=int(r["bytes"])) for r in rows}
