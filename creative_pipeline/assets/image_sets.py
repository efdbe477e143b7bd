"""One winner's image set: render the primary and its variants, then store what came back.

The primary comes first so the variants can be edits of it (same product, same visual
language, the brief's variation applied); when the primary failed they are drawn from scratch.
Each one is a clean plate (no text); it is stored as is, with a thumbnail, and once per placement
(9:16, 4:5, 1:1) as the composed ad: the plate reframed with the headline and CTA laid over
(`media/overlay.py`). Every variant has its own creative name (`<winner>_V<n>`), shared by its
placements. A failed or undecodable image becomes a failed record with its reason — never dropped.
"""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass, field

from PIL import Image

from creative_pipeline.assets.media_support import ad_file, image_file, image_size, object_path, thumb_file
from creative_pipeline.domain.brand import BrandReferences
from creative_pipeline.domain.brief import IMAGE_VARIANTS, ImageBrief, StoredBrief
from creative_pipeline.domain.naming import variant_name
from creative_pipeline.media.brand_references import brief_wants_logo
from creative_pipeline.media.overlay import OverlayCopy, compose_ad
from creative_pipeline.media.safe_zones import PLACEMENTS, SAFE_ZONES
from creative_pipeline.media.thumbnails import make_thumbnail
from creative_pipeline.resources.gemini.content import ContentGenerator
from creative_pipeline.resources.gemini.errors import GenerationFailed, PermanentProviderError
from creative_pipeline.resources.gemini.results import MediaResult
from creative_pipeline.resources.supabase.repositories.media import MediaRecord
from creative_pipeline.resources.supabase.storage import ObjectStorage


@dataclass
class ImageSet:
    brief: StoredBrief
    records: list[MediaRecord] = field(default_factory=list)
    primary: bytes | None = None  # the clean plate
    primary_ad: bytes | None = None  # the composed 9:16 ad of the primary

    @property
    def primary_path(self) -> str | None:
        return next((r.path for r in self.records if r.kind == "image" and r.variant == 1 and r.status == "ok"), None)

    def status(self, variant: int) -> str:
        record = next((r for r in self.records if r.kind == "image" and r.variant == variant), None)
        if record is None:
            return "—"
        return "ok" if record.status == "ok" else f"FAILED: {record.error}"


async def _one(generator: ContentGenerator, brief: ImageBrief, name: str, variant: int, primary: bytes | None,
               references: BrandReferences | None = None) -> MediaResult:
    try:
        return await generator.image(brief, name, variant, primary, references)
    except PermanentProviderError:
        raise  # a bad key or model fails the step: every other image would fail the same way
    except GenerationFailed as exc:
        return MediaResult(content_type="image/png", provider=generator.provider, model=generator.image_model,
                           error=exc.reason, attempts=exc.attempts)


def references_for(brief: ImageBrief, references: BrandReferences | None) -> BrandReferences | None:
    """The brand references this brief's images get: the logo only where the brief calls for it."""
    if references is None or brief_wants_logo(brief):
        return references
    return references.model_copy(update={"logo": None, "logo_sha256": None, "logo_type": None})


async def render_set(generator: ContentGenerator, brief: StoredBrief,
                     references: BrandReferences | None = None) -> list[MediaResult]:
    """[primary, variant 2, variant 3] for one winner's brief; the primary with the brand's
    references, the variants as edits of it (with the product photo kept alongside)."""
    image_brief = brief.image
    name = brief.creative_name
    refs = references_for(image_brief, references)
    primary = await _one(generator, image_brief, name, 1, None, refs)
    variants = await asyncio.gather(*(
        _one(generator, image_brief, name, v, primary.data, refs) for v in range(2, IMAGE_VARIANTS + 1)
    ))
    return [primary, *variants]


def as_png(data: bytes) -> bytes:
    """The bytes as PNG (the object is named .png; a model may answer with JPEG or WebP)."""
    with Image.open(io.BytesIO(data)) as img:
        if img.format == "PNG":
            return data
        buf = io.BytesIO()
        img.save(buf, format="PNG")
        return buf.getvalue()


def store_ads(storage: ObjectStorage, slug: str, brief: StoredBrief, variant: int, plate: bytes, copy: OverlayCopy,
              base: dict, data: dict, offline: bool) -> tuple[list[MediaRecord], bytes]:
    """The plate composed for each placement: one `ad` row per placement, all under the variant's
    name; and the first placement's ad (9:16, what the contact sheet shows)."""
    out, first = [], b""
    for placement in PLACEMENTS:
        png, layout = compose_ad(plate, copy, placement, offline_label=offline)
        first = first or png
        stored = storage.put(object_path(slug, brief.creative_name, ad_file(variant, placement)), png, "image/png")
        out.append(MediaRecord(
            kind="ad", placement=placement, bucket=stored.bucket, path=stored.path, content_type="image/png",
            size=stored.size, **base, data={
                **data, "sha256": stored.sha256, "width": layout.size[0], "height": layout.size[1],
                "safe_zone": SAFE_ZONES[placement].model_dump(), "headline": copy.headline, "cta_line": copy.cta_line,
                "text_colours": [layout.headline_colour, layout.cta_colour], "brand_colours": layout.brand_colours_used,
                "font": layout.font or "shipped"}))
    return out, first


def store_set(storage: ObjectStorage, slug: str, brief: StoredBrief, results: list[MediaResult], thumb_px: int,
              copy: OverlayCopy, cta_button: str) -> ImageSet:
    """Put each plate, its thumbnail and its ads; return the rows to write (failed ones included)."""
    name = brief.creative_name
    out = ImageSet(brief=brief)
    common_data = {"rank": brief.rank, "persona": brief.persona_name, "final_score": brief.final_score,
                   "brief_sha": brief.image_sha}
    for variant, result in enumerate(results, start=1):
        base = {"script_id": brief.script_id, "creative_name": name, "variant": variant,
                "provider": result.provider, "model": result.model, "fallback_reason": result.fallback_reason}
        named = {**common_data, "variant_name": variant_name(name, variant), "cta_button": cta_button}
        data = {**named, "attempts": result.attempts, "cost_usd": result.cost_usd}
        error = result.error or ("no image returned" if result.data is None else None)
        if result.data is not None and error is None:
            try:
                width, height = image_size(result.data)
            except ValueError as exc:
                error = str(exc)
        if error is not None:
            out.records.append(MediaRecord(kind="image", status="failed", error=error, data=data, **base))
            continue
        png = as_png(result.data)  # type: ignore[arg-type]
        image = storage.put(object_path(slug, name, image_file(variant)), png, "image/png")
        thumb = storage.put(object_path(slug, name, thumb_file(variant)), make_thumbnail(png, thumb_px), "image/jpeg")
        out.records.append(MediaRecord(kind="image", bucket=image.bucket, path=image.path, content_type="image/png",
                                       size=image.size, **base, data={**data, "sha256": image.sha256, "width": width,
                                                                      "height": height, "clean_plate": True}))
        out.records.append(MediaRecord(kind="thumbnail", bucket=thumb.bucket, path=thumb.path, content_type="image/jpeg",
                                       size=thumb.size, data={**common_data, "sha256": thumb.sha256, "of": image.path}, **base))
        ads, first_ad = store_ads(storage, slug, brief, variant, png, copy, base, {**named, "of": image.path},
                                  offline=result.provider == "offline")
        out.records += ads
        if variant == 1:
            out.primary, out.primary_ad = png, first_ad
    return out
