"""Where media lives in storage and how a person reaches it: object names and links.

Shared by the media stages (which write the objects) and by the CLI and services (which list
them), so it lives beside the storage client rather than inside an asset module."""

from __future__ import annotations

from creative_pipeline.resources.supabase.storage import ObjectStorage, StorageError, safe_object_path

CONTACT_SHEET = "contact_sheet.png"
VIDEO_FILE = "video.mp4"  # the render as delivered (what the probe compared with the request)
VIDEO_AD_FILE = "video_ad.mp4"  # the finished ad: the render with supers and the end card


def image_file(variant: int) -> str:
    return f"image_v{variant}.png"


def ad_file(variant: int, placement: str) -> str:
    """The composed ad of one variant for one placement: `ad_v1_9x16.png`."""
    return f"ad_v{variant}_{placement.replace(':', 'x')}.png"


def thumb_file(variant: int) -> str:
    return f"thumb_v{variant}.jpg"


def object_path(slug: str, *parts: str) -> str:
    """`<company>/<creative-name>/<file>` inside the bucket; every part slug-safe."""
    return safe_object_path(slug, *parts)


def owned_by_images(path: str) -> bool:
    """Objects the ad_images stage owns (and may sweep): plates, ads, thumbnails, the contact sheet."""
    name = path.rsplit("/", 1)[-1]
    return name == CONTACT_SHEET or (name.startswith(("image_v", "thumb_v", "ad_v")) and name.endswith((".png", ".jpg")))


def owned_by_videos(path: str) -> bool:
    return path.rsplit("/", 1)[-1] in (VIDEO_FILE, VIDEO_AD_FILE)


def link(storage: ObjectStorage, path: str | None, ttl_s: int) -> str:
    """A signed URL (a file:// URI on the local backend), or '' when the object is missing."""
    if not path:
        return ""
    try:
        return storage.signed_url(path, ttl_s)
    except StorageError:
        return ""


def where(storage: ObjectStorage, slug: str) -> str:
    """Human description of the company's media folder on the configured backend."""
    base = getattr(storage, "base", None)
    if base is not None:
        return str(base / slug)
    return f"Supabase Storage bucket {storage.bucket}, folder {slug}/"
