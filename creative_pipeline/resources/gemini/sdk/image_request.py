"""What one image request sends besides the brief: the brand's reference images.

The primary (variant 1) is generated with the product photo (and the logo where the brief calls
for it) as `inline_data` image parts before the text, and the text tells the model to keep the
product exactly as it is (`image_reference` prompt). A variant is an edit of the primary: the
primary's bytes first, the product photo second, and the text says what changes (the brief's
variation) and what stays (`image_edit` prompt). Without any brand image the primary is asked
from the brief alone, as before. Every image sent is part of the cache key (its sha256).
"""

from __future__ import annotations

from google.genai import types
from pydantic import BaseModel, ConfigDict

from creative_pipeline.domain.brand import BrandReferences
from creative_pipeline.domain.brief import ImageBrief
from creative_pipeline.prompts.renderer import render
from creative_pipeline.resources.gemini.sdk.replies import image_mime


class ImageRequest(BaseModel):
    """The parts to send (images first, then the text) and the images for the cache key."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    images: list[bytes]
    text: str

    def contents(self, prompt: str) -> list[object]:
        return [*(types.Part.from_bytes(data=b, mime_type=image_mime(b)) for b in self.images), prompt]


def image_request(picture: str, brief: ImageBrief, variant: int, primary: bytes | None,
                  refs: BrandReferences | None) -> ImageRequest:
    """`picture` is the brief's rendered image prompt (without the variation)."""
    refs = refs or BrandReferences()
    if primary is not None:
        change = brief.variations[(variant - 2) % len(brief.variations)]
        template = "image_edit" if refs.product is None else "image_edit_product"
        text = render(template, change=change, palette=", ".join(brief.palette), picture=picture).text
        return ImageRequest(images=[primary] + ([refs.product] if refs.product is not None else []), text=text)
    images = [b for b in (refs.product, refs.logo) if b is not None]
    if not images:
        return ImageRequest(images=[], text=picture)
    template = {(True, False): "image_with_product", (True, True): "image_with_product_logo",
                (False, True): "image_with_logo"}[(refs.product is not None, refs.logo is not None)]
    return ImageRequest(images=images, text=render(template, picture=picture).text)
