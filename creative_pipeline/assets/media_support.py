"""What both media stages do around their story: name objects, store them, sweep orphans,
and make the result visible in the Dagster UI without leaving it."""

from __future__ import annotations

import base64
import hashlib
import io
import json
from collections.abc import Callable
from typing import Any

from PIL import Image

from creative_pipeline.media.thumbnails import load_rgb
from creative_pipeline.resources.supabase.storage import ObjectStorage, StorageError, safe_object_path

CONTACT_SHEET = "contact_sheet.png"
VIDEO_FILE = "video.mp4"


def image_file(variant: int) -> str:
    return f"image_v{variant}.png"


def thumb_file(variant: int) -> str:
    return f"thumb_v{variant}.jpg"


def object_path(slug: str, *parts: str) -> str:
    """`<company>/<creative-name>/<file>` inside the bucket; every part slug-safe."""
    return safe_object_path(slug, *parts)


def owned_by_images(path: str) -> bool:
    """Objects the ad_images stage owns (and may sweep): images, thumbnails, the contact sheet."""
    name = path.rsplit("/", 1)[-1]
    return name == CONTACT_SHEET or (name.startswith(("image_v", "thumb_v")) and name.endswith((".png", ".jpg")))


def owned_by_videos(path: str) -> bool:
    return path.rsplit("/", 1)[-1] == VIDEO_FILE


def sweep_orphans(storage: ObjectStorage, slug: str, referenced: set[str], owned: Callable[[str], bool]) -> list[str]:
    """Delete this stage's objects under the company's folder that no row references any more
    (a creative renamed by a new brief, an image that failed this time). Other stages' objects
    are never touched, so ad_images and ad_videos can run side by side."""
    orphans = [p for p in storage.list(slug) if owned(p) and p not in referenced]
    storage.delete(orphans)
    return orphans


def brief_sha(brief: dict[str, Any]) -> str:
    """A stable fingerprint of a brief, to tell whether a stored render still matches it."""
    return hashlib.sha256(json.dumps(brief, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def image_size(data: bytes) -> tuple[int, int]:
    """(width, height); raises ValueError when the bytes are not a valid image. `verify()`
    checks the structure (PNG chunk CRCs, truncation) without decoding every pixel."""
    try:
        with Image.open(io.BytesIO(data)) as img:
            size = img.size
            img.verify()
        return size
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types for bad input
        raise ValueError(f"undecodable image bytes ({len(data)} bytes): {type(exc).__name__}") from exc


def preview_markdown(png: bytes, alt: str, max_width: int = 800) -> str:
    """A markdown image with an inline JPEG data URI: the Dagster UI renders it in the
    materialization's metadata, with no storage access needed from the browser (its markdown
    sanitizer allows `data:` image sources). Downscaled to keep the event log small (~100 KB)."""
    img = load_rgb(png)
    if img.width > max_width:
        img = img.resize((max_width, round(img.height * max_width / img.width)), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=65, optimize=True)
    return f"![{alt}](data:image/jpeg;base64,{base64.b64encode(buf.getvalue()).decode()})"


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
