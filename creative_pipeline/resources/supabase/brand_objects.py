"""Brand images in Storage: `<company>/brand/<kind>_<sha256[:16]>.<ext>` in the creatives bucket.

The name is derived from the bytes, so the same picture is one object however often it is
found or uploaded, and a re-scrape that finds the same images writes nothing new. Shared by
the company_context stage (site images) and the brand-images service (a user's files)."""

from __future__ import annotations

from creative_pipeline.domain.brand import BrandAsset, BrandAssetKind, BrandAssetOrigin
from creative_pipeline.media.brand_images import CheckedImage
from creative_pipeline.resources.supabase.storage import ObjectStorage, safe_object_path, sha256_hex

BRAND_FOLDER = "brand"
_EXT = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}


def brand_object_path(slug: str, kind: BrandAssetKind, sha256: str, content_type: str) -> str:
    return safe_object_path(slug, BRAND_FOLDER, f"{kind}_{sha256[:16]}.{_EXT[content_type]}")


def store_brand_image(storage: ObjectStorage, slug: str, image: CheckedImage, kind: BrandAssetKind,
                      origin: BrandAssetOrigin, source_url: str) -> BrandAsset:
    """Put the checked bytes (as given: their sha256 is what the image cache keys on)."""
    sha = sha256_hex(image.data)
    stored = storage.put(brand_object_path(slug, kind, sha, image.content_type), image.data, image.content_type)
    return BrandAsset(kind=kind, origin=origin, source_url=source_url[:2048], storage_bucket=stored.bucket,
                      storage_path=stored.path, content_type=image.content_type, bytes=stored.size,
                      sha256=stored.sha256, width=image.width, height=image.height)


def sweep_brand_objects(storage: ObjectStorage, slug: str, referenced: set[str]) -> list[str]:
    """Delete brand objects of this company that no brand_assets row references any more."""
    orphans = [p for p in storage.list(safe_object_path(slug, BRAND_FOLDER)) if p not in referenced]
    storage.delete(orphans)
    return orphans
