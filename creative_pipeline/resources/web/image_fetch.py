"""The fetcher's image mode: one image from a site, through the same SSRF-safe path as pages.

Same address policy, the same vetted redirects (each hop re-checked) and the same deadline as
`SafeFetcher.fetch`. Differences, and why:
- Oversize rule: **refuse, not truncate.** Half an image is not an image; the body is streamed
  and reading stops one byte past `max_bytes` (10 MB by default), so a huge or endless body
  costs at most that much.
- Only image/jpeg, image/png and image/webp (or no Content-Type) are read at all; a text/html
  answer is refused before its body is read. The bytes' own signature is checked later
  (`media.brand_images.check_image`), because a server can lie about the type.
"""

from __future__ import annotations

import time

from pydantic import BaseModel

from creative_pipeline.resources.web.fetcher import FetchRefused, SafeFetcher

IMAGE_ACCEPT = "image/webp,image/png,image/jpeg;q=0.9"
ACCEPTED_TYPES = {"image/jpeg", "image/jpg", "image/pjpeg", "image/png", "image/webp"}
IMAGE_MAX_BYTES = 10 * 1024 * 1024


class FetchedImage(BaseModel):
    url: str
    final_url: str
    content_type: str
    data: bytes
    redirects: list[str] = []


def fetch_image(fetcher: SafeFetcher, url: str, max_bytes: int = IMAGE_MAX_BYTES) -> FetchedImage:
    """GET one image; FetchRefused for a non-image type or a body over `max_bytes`."""
    deadline = time.monotonic() + fetcher.timeout_s
    with fetcher.follow(url, deadline, IMAGE_ACCEPT) as (target, response, redirects):
        mime = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if mime and mime not in ACCEPTED_TYPES:
            raise FetchRefused(f"refused: {target} is {mime}, not a JPEG, PNG or WebP image")
        declared = response.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchRefused(f"refused: {target} is {int(declared) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
        body, over = fetcher.read_body(response, deadline, max_bytes)
        if over:
            raise FetchRefused(f"refused: {target} is larger than {max_bytes / 1e6:.0f} MB (stopped reading)")
    return FetchedImage(url=url, final_url=str(target), content_type=mime, data=body, redirects=redirects)
