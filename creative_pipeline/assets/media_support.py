"""What both media stages do around their story: name objects, store them, sweep orphans,
and make the result visible in the Dagster UI without leaving it."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable

from PIL import Image

from creative_pipeline.media.thumbnails import load_rgb
from creative_pipeline.resources.supabase.media_objects import (  # noqa: F401 - the stages' names for them
    CONTACT_SHEET,
    VIDEO_AD_FILE,
    VIDEO_FILE,
    ad_file,
    image_file,
    object_path,
    owned_by_images,
    owned_by_videos,
    link,
    thumb_file,
    where,
)
from creative_pipeline.resources.supabase.storage import ObjectStorage

__all__ = [  # the storage names re-exported above, and this module's own helpers
    "CONTACT_SHEET", "VIDEO_AD_FILE", "VIDEO_FILE", "ad_file", "image_file", "image_size", "link", "object_path", "owned_by_images",
    "owned_by_videos", "preview_markdown", "sweep_orphans", "thumb_file", "where",
]


def sweep_orphans(storage: ObjectStorage, slug: str, referenced: set[str], owned: Callable[[str], bool]) -> list[str]:
    """Delete this stage's objects under the company's folder that no row references any more
    (a creative renamed by a new brief, an image that failed this time). Other stages' objects
    are never touched, so ad_images and ad_videos can run side by side."""
    orphans = [p for p in storage.list(slug) if owned(p) and p not in referenced]
    storage.delete(orphans)
    return orphans


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


