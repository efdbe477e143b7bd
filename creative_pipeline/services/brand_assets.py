"""Use-cases for a company's own brand material: add a company with images, add or remove
images of an existing one, edit its brand kit. Shared by the CLI (and a studio later).

Every file is checked before anything is written (`media.brand_images.check_image`: at most
10 MB, JPEG/PNG/WebP by its bytes, decodable, sane dimensions); one bad file refuses the whole
command and nothing is written — no company row, no image row, no object left in Storage.
"""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from creative_pipeline.domain.brand import MAX_USER_IMAGES, BrandAsset, BrandAssetKind, BrandKit, ToneWord
from creative_pipeline.domain.brief import normalise_colour
from creative_pipeline.domain.company import Company, CompanyIn
from creative_pipeline.media.brand_fonts import normalise_font
from creative_pipeline.media.brand_images import MAX_IMAGE_BYTES, CheckedImage, ImageRefused, check_image
from creative_pipeline.resources.supabase.brand_objects import store_brand_image
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.brand_assets import (
    delete_brand_asset,
    insert_brand_assets,
    load_brand_assets,
    load_brand_kit,
    path_in_use,
    save_brand_kit,
)
from creative_pipeline.resources.supabase.repositories.companies import get_company, insert_company
from creative_pipeline.resources.supabase.storage import ObjectStorage


class BrandInputRefused(ValueError):
    """A file or a kit value that is refused; the message names it and says why."""


def read_checked(path: Path, kind: BrandAssetKind) -> CheckedImage:
    """One user file, checked; the size is checked before the file is read, and never more than
    the limit plus one byte is read (a file that grows meanwhile is still refused)."""
    try:
        if not path.is_file():
            raise BrandInputRefused(f"{path}: no such file")
        if path.stat().st_size > MAX_IMAGE_BYTES:
            raise BrandInputRefused(f"{path}: larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
        with path.open("rb") as handle:
            data = handle.read(MAX_IMAGE_BYTES + 1)
        return check_image(data, None, kind, name=str(path))
    except ImageRefused as exc:
        raise BrandInputRefused(str(exc)) from exc
    except OSError as exc:
        raise BrandInputRefused(f"{path}: cannot be read ({exc.strerror or exc})") from exc


def check_files(paths: list[Path], kind: BrandAssetKind) -> list[tuple[Path, CheckedImage]]:
    """Every file checked, or BrandInputRefused for the first bad one (nothing written yet)."""
    if len(paths) > MAX_USER_IMAGES:
        raise BrandInputRefused(f"at most {MAX_USER_IMAGES} images per command, got {len(paths)}")
    return [(p, read_checked(p, kind)) for p in paths]


def _store_all(storage: ObjectStorage, company: Company, checked: list[tuple[Path, CheckedImage]],
               kind: BrandAssetKind) -> list[BrandAsset]:
    return [store_brand_image(storage, company.slug, image, kind, "user", f"file:{path.name}") for path, image in checked]


def _forget(storage: ObjectStorage, assets: list[BrandAsset]) -> None:
    """Remove objects put for a command whose rows were not written (its transaction failed)."""
    storage.delete([a.storage_path for a in assets])


def add_company_with_images(db: Database, storage: ObjectStorage, company_in: CompanyIn,
                            images: list[Path]) -> tuple[Company, list[BrandAsset]]:
    """Insert the company and its images in one transaction, after every file passed."""
    checked = check_files(images, "product")
    stored: list[BrandAsset] = []
    try:
        with db.transaction() as conn:
            company = insert_company(conn, company_in)
            stored = _store_all(storage, company, checked, "product")
            rows = insert_brand_assets(conn, company.id, stored)
    except BaseException:
        _forget(storage, stored)
        raise
    return company, rows


def add_images(db: Database, storage: ObjectStorage, key: str, images: list[Path],
               kind: BrandAssetKind = "product") -> tuple[Company, list[BrandAsset]]:
    """Add checked images to an existing company; a new logo becomes the kit's logo."""
    checked = check_files(images, kind)
    stored: list[BrandAsset] = []
    already: set[str] = set()
    try:
        with db.transaction() as conn:
            company = get_company(conn, key)
            already = {a.storage_path for a in load_brand_assets(conn, company.id)}
            stored = _store_all(storage, company, checked, kind)
            rows = insert_brand_assets(conn, company.id, stored)
            logo = next((a for a in rows if a.kind == "logo"), None)
            if logo is not None:
                kit = load_brand_kit(conn, company.id) or BrandKit(source="user")
                fields = sorted({*kit.user_fields, "logo_path"})
                save_brand_kit(conn, company.id, kit.model_copy(update={"logo_path": logo.storage_path, "user_fields": fields}))
    except BaseException:
        _forget(storage, [a for a in stored if a.storage_path not in already])
        raise
    return company, rows


def remove_image(db: Database, storage: ObjectStorage, key: str, asset_id: str) -> BrandAsset:
    """Remove one image (site or user) by id; its object goes when no row needs it any more. A
    removed site image is remembered (its sha256 in the kit) so the next scrape does not keep it."""
    try:
        wanted = UUID(asset_id)
    except ValueError as exc:
        raise BrandInputRefused(f"{asset_id!r} is not an image id (see show --json: brand_assets[].id)") from exc
    with db.transaction() as conn:
        company = get_company(conn, key)
        removed = delete_brand_asset(conn, company.id, wanted)
        if removed is None:
            raise BrandInputRefused(f"{company.slug} has no brand image {asset_id}")
        kit = load_brand_kit(conn, company.id) or BrandKit()
        update: dict[str, object] = {}
        if kit.logo_path == removed.storage_path:
            update["logo_path"] = None
        if removed.origin == "site":  # a later scrape must not bring it back
            update["excluded_sha256"] = sorted({*kit.excluded_sha256, removed.sha256})
        if update:
            save_brand_kit(conn, company.id, kit.model_copy(update=update))
        in_use = path_in_use(conn, removed.storage_path)
    if not in_use:
        storage.delete([removed.storage_path])
    return removed


def edit_kit(db: Database, key: str, colors: list[str] | None = None, font: str | None = None,
             tone: list[str] | None = None) -> BrandKit:
    """Set colours, typeface or tone words; each field set here is the user's and a later scrape
    keeps it. A tone word typed by a person carries "set by the user" as its evidence."""
    update: dict[str, object] = {}
    if colors is not None:
        normalised = [normalise_colour(c) for c in colors]
        bad = [c for c, n in zip(colors, normalised) if n is None]
        if bad:
            raise BrandInputRefused(f"not colours: {', '.join(bad)} (use #RRGGBB or a CSS colour name)")
        update["colors"] = normalised
    if font is not None:
        update |= {"font": normalise_font(font), "font_source": font}
    if tone is not None:
        update["tone"] = [ToneWord(word=w.strip()[:40], evidence="set by the user") for w in tone if w.strip()]
    with db.transaction() as conn:
        company = get_company(conn, key)
        kit = load_brand_kit(conn, company.id) or BrandKit(source="user")
        fields = sorted({*kit.user_fields, *update} - {"font_source"})
        try:
            edited = BrandKit.model_validate({**kit.model_dump(), **update, "user_fields": fields})
        except ValueError as exc:
            raise BrandInputRefused(str(exc)) from exc
        save_brand_kit(conn, company.id, edited)
    return edited
