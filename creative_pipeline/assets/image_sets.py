"""One winner's image set: render the primary and its variants, then store what came back.

The primary comes first so the variants can be edits of it (same product, same visual
language, the brief's variation applied); when the primary failed they are drawn from scratch.
A failed or undecodable image becomes a failed record with its reason — never dropped.
"""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass, field

from PIL import Image

from creative_pipeline.assets.media_support import image_file, image_size, object_path, thumb_file
from creative_pipeline.domain.brand import BrandReferences
from creative_pipeline.domain.brief import IMAGE_VARIANTS, ImageBrief, StoredBrief
from creative_pipeline.media.brand_references import brief_wants_logo
from creative_pipeline.media.thumbnails import make_thumbnail
from creative_pipeline.resources.gemini.content import ContentGenerator
from creative_pipeline.resources.gemini.errors import GenerationFailed, PermanentProviderError
from creative_pipeline.resources.gemini.results import MediaResult
from creative_pipeline.resources.supabase.repositories.media import MediaRecord, StoredMedia
from creative_pipeline.resources.supabase.storage import ObjectStorage


@dataclass
class ImageSet:
    brief: StoredBrief
    records: list[MediaRecord] = field(default_factory=list)
    primary: bytes | None = None

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


def store_set(storage: ObjectStorage, slug: str, brief: StoredBrief, results: list[MediaResult], thumb_px: int) -> ImageSet:
    """Put each image and its thumbnail; return the rows to write (failed ones included)."""
    name = brief.creative_name
    out = ImageSet(brief=brief)
    common_data = {"rank": brief.rank, "persona": brief.persona_name, "final_score": brief.final_score,
                   "brief_sha": brief.image_sha}
    for variant, result in enumerate(results, start=1):
        base = {"script_id": brief.script_id, "creative_name": name, "variant": variant,
                "provider": result.provider, "model": result.model, "fallback_reason": result.fallback_reason}
        data = {**common_data, "attempts": result.attempts, "cost_usd": result.cost_usd}
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
                                       size=image.size, data={**data, "sha256": image.sha256, "width": width, "height": height},
                                       **base))
        out.records.append(MediaRecord(kind="thumbnail", bucket=thumb.bucket, path=thumb.path, content_type="image/jpeg",
                                       size=thumb.size, data={**common_data, "sha256": thumb.sha256, "of": image.path}, **base))
        if variant == 1:
            out.primary = png
    return out


def keep_previous_on_failure(records: list[MediaRecord], previous: list[StoredMedia]) -> list[MediaRecord]:
    """A variant whose re-render failed keeps its previous good image and thumbnail (rows and
    objects), marked with the failed attempt; without a previous one the failure is recorded."""
    old = {(r.creative_name, r.variant, r.kind): r for r in previous if r.ok}
    out: list[MediaRecord] = []
    for record in records:
        image = old.get((record.creative_name, record.variant, "image"))
        if record.kind != "image" or record.status != "failed" or image is None:
            out.append(record)
            continue
        for row in (image, old.get((record.creative_name, record.variant, "thumbnail"))):
            if row is not None:
                out.append(row.as_record(rerender_failed=record.error))
    return out
