"""Fetch and check a page's brand image candidates, within fixed limits.

Limits (documented in docs/brand.md): at most `MAX_SITE_PRODUCT_IMAGES` (4) product or share
images and `MAX_SITE_LOGOS` (1) logo are kept per company, and at most `MAX_FETCHES` (10)
candidates are fetched per run, so a page listing thousands of images costs ten requests of
at most 10 MB each. A candidate that fails (not an image, too big, undecodable, wrong size) is
logged with its reason and the next one is tried; none of it fails the stage.
"""

from __future__ import annotations

import time

from pydantic import BaseModel

from creative_pipeline.domain.brand import MAX_SITE_LOGOS, MAX_SITE_PRODUCT_IMAGES, BrandAssetKind
from creative_pipeline.media.brand_images import CheckedImage, ImageRefused, check_image
from creative_pipeline.resources.web.brand_candidates import ImageCandidate
from creative_pipeline.resources.web.fetcher import FetchError, SafeFetcher
from creative_pipeline.resources.web.image_fetch import fetch_image

MAX_FETCHES = 10
TIME_BUDGET_S = 30.0  # all candidates together: ten slow-drip images cannot hold a run for 100 s


class KeptImage(BaseModel):
    """A candidate that passed every check: its address, its kind and the checked bytes."""

    url: str
    kind: BrandAssetKind
    image: CheckedImage


class RefusedImage(BaseModel):
    url: str
    reason: str


class BrandImages(BaseModel):
    kept: list[KeptImage] = []
    refused: list[RefusedImage] = []


def _room(kept: list[KeptImage], kind: BrandAssetKind) -> bool:
    if kind == "logo":
        return sum(k.kind == "logo" for k in kept) < MAX_SITE_LOGOS
    return sum(k.kind != "logo" for k in kept) < MAX_SITE_PRODUCT_IMAGES


def fetch_brand_images(fetcher: SafeFetcher, candidates: list[ImageCandidate]) -> BrandImages:
    """Try candidates in order until the limits are reached; one image kept once (by bytes)."""
    out = BrandImages()
    fetches = 0
    deadline = time.monotonic() + TIME_BUDGET_S
    seen: set[bytes] = set()
    for candidate in candidates:
        if not _room(out.kept, candidate.kind):
            continue
        left = deadline - time.monotonic()
        if fetches >= MAX_FETCHES or left <= 0:
            why = f"{MAX_FETCHES} candidates tried" if left > 0 else f"the {TIME_BUDGET_S:g} s budget for images was spent"
            out.refused.append(RefusedImage(url=candidate.url, reason=f"not fetched: {why}"))
            continue
        fetches += 1
        try:
            quick = fetcher.model_copy(update={"timeout_s": min(fetcher.timeout_s, left)})
            fetched = fetch_image(quick, candidate.url)
            checked = check_image(fetched.data, fetched.content_type, candidate.kind, name=candidate.url)
        except FetchError as exc:
            out.refused.append(RefusedImage(url=candidate.url, reason=exc.reason))
            continue
        except ImageRefused as exc:
            out.refused.append(RefusedImage(url=candidate.url, reason=str(exc)))
            continue
        if checked.data in seen:
            continue
        seen.add(checked.data)
        out.kept.append(KeptImage(url=fetched.final_url, kind=candidate.kind, image=checked))
    return out
