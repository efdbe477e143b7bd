"""SQL for `brand_assets` (checked brand images) and `companies.brand_kit`.

Site images are the company_context stage's output: each run replaces them in one transaction.
A user's images are decisions, like reviews: only the user removes them. One image is stored
once per company (unique sha256): the same picture from the site and from the user is one row,
and the user's row wins.
"""

from __future__ import annotations

from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb

from creative_pipeline.domain.brand import BrandAsset, BrandAssetOrigin, BrandKit

_COLUMNS = ("kind", "origin", "source_url", "storage_bucket", "storage_path", "content_type", "bytes", "sha256",
            "width", "height")


def load_brand_assets(conn: psycopg.Connection, company_id: UUID, origin: BrandAssetOrigin | None = None) -> list[BrandAsset]:
    """The company's kept images: the user's first (a person chose them), then logos, then by age."""
    rows = conn.execute(
        "select * from brand_assets where company_id = %s and (%s::text is null or origin = %s) "
        "order by origin = 'user' desc, kind = 'logo' desc, created_at, id",
        (company_id, origin, origin),
    )
    return [BrandAsset.model_validate(r) for r in rows]


def insert_brand_assets(conn: psycopg.Connection, company_id: UUID, assets: list[BrandAsset]) -> list[BrandAsset]:
    """Insert; an image the company already has (same sha256) is skipped. Returns the new rows."""
    out: list[BrandAsset] = []
    for asset in assets:
        row = conn.execute(
            f"insert into brand_assets (company_id, {', '.join(_COLUMNS)}) values (%s, {', '.join(['%s'] * len(_COLUMNS))}) "
            "on conflict (company_id, sha256) do nothing returning *",
            (company_id, *(getattr(asset, c) for c in _COLUMNS)),
        ).fetchone()
        if row is not None:
            out.append(BrandAsset.model_validate(row))
    return out


def replace_site_assets(conn: psycopg.Connection, company_id: UUID, assets: list[BrandAsset]) -> list[BrandAsset]:
    """The site's images as found by this run (call inside the stage's transaction)."""
    conn.execute("delete from brand_assets where company_id = %s and origin = 'site'", (company_id,))
    return insert_brand_assets(conn, company_id, assets)


def delete_brand_asset(conn: psycopg.Connection, company_id: UUID, asset_id: UUID) -> BrandAsset | None:
    """Remove one image of this company (None: no such image for this company)."""
    row = conn.execute("delete from brand_assets where company_id = %s and id = %s returning *",
                       (company_id, asset_id)).fetchone()
    return BrandAsset.model_validate(row) if row else None


def path_in_use(conn: psycopg.Connection, storage_path: str) -> bool:
    """Whether any row still points at `storage_path` (an object is removed only when none does)."""
    return conn.execute("select 1 from brand_assets where storage_path = %s limit 1", (storage_path,)).fetchone() is not None


def load_brand_kit(conn: psycopg.Connection, company_id: UUID) -> BrandKit | None:
    row = conn.execute("select brand_kit from companies where id = %s", (company_id,)).fetchone()
    return BrandKit.model_validate(row["brand_kit"]) if row and row["brand_kit"] else None


def save_brand_kit(conn: psycopg.Connection, company_id: UUID, kit: BrandKit) -> None:
    conn.execute("update companies set brand_kit = %s, updated_at = now() where id = %s",
                 (Jsonb(kit.model_dump(mode="json")), company_id))
