"""Which brand images a picture is generated with: a pure choice, tested on its own.

- The product reference: the user's first product image, else the site's first product image,
  else its share image (kind `other`); `brand_assets` are loaded in that order.
- The logo: the kit's logo, else the first logo; sent only where the brief calls for it (the
  brief's picture, composition or style names a logo, brand mark, wordmark or branding), because
  a logo the brief did not ask for tends to be pasted into the scene as a sign or a sticker.
"""

from __future__ import annotations

import re

from creative_pipeline.domain.brand import BrandAsset, BrandKit
from creative_pipeline.domain.brief import ImageBrief

_LOGO_WORDS = re.compile(r"\b(logo|logos|brand ?mark|wordmark|branding|branded)\b", re.IGNORECASE)


def choose_references(assets: list[BrandAsset], kit: BrandKit | None) -> tuple[BrandAsset | None, BrandAsset | None]:
    """(product reference, logo) among the company's kept images; None where there is none."""
    product = next((a for a in assets if a.kind == "product"), None) or next((a for a in assets if a.kind == "other"), None)
    logos = [a for a in assets if a.kind == "logo"]
    logo = next((a for a in logos if kit is not None and a.storage_path == kit.logo_path), None) or (logos[0] if logos else None)
    return product, logo


def brief_wants_logo(brief: ImageBrief) -> bool:
    return bool(_LOGO_WORDS.search(" ".join((brief.visual_description, brief.composition, brief.style))))
