"""Live images (Nano Banana: generateContent + IMAGE) and videos (`video_render`).

Images: `imageConfig {aspectRatio, imageSize}`; bytes come back in `inline_data`; NO_IMAGE,
IMAGE_SAFETY and text-only replies are retried with a varied prompt, then reported as a failed
item with its reason — never dropped. Each image is priced by its size (`pricing.image_cost`).
Videos go through one interface with two backends (Interactions API / Veo), see
`video_backends` and `video_render`.
"""

from __future__ import annotations

import hashlib
import json
import time

from google.genai import types

from creative_pipeline.domain.brand import BrandReferences
from creative_pipeline.domain.brief import ImageBrief, VideoBrief
from creative_pipeline.prompts.renderer import render
from creative_pipeline.prompts.video_prompt import video_prompt
from creative_pipeline.resources.gemini.models.catalog import clip_seconds, veo_resolution
from creative_pipeline.resources.gemini.sdk.text_client import GeminiTextClient
from creative_pipeline.resources.gemini.errors import GenerationFailed, PermanentProviderError
from creative_pipeline.resources.gemini.spend.pricing import image_cost, text_cost
from creative_pipeline.resources.gemini.sdk.image_request import image_request
from creative_pipeline.resources.gemini.sdk.replies import image_bytes, token_counts
from creative_pipeline.resources.gemini.results import MediaResult
from creative_pipeline.resources.gemini.sdk.structured import CACHE_HIT_NOTE
from creative_pipeline.resources.gemini.spend.ledger import CallUsage
from creative_pipeline.resources.gemini.video.backends import RenderRequest
from creative_pipeline.resources.gemini.video.render import RenderStore, VideoRenderer


def image_key(model: str, prompt: str, references: list[bytes], aspect_ratio: str, size: str, variant: int) -> str:
    """The hash a paid image is kept under: everything that shapes the picture (the prompt, the
    model asked, the reference images, aspect ratio and size) and the variant it is for (two
    variants with the same wording are still two pictures to buy once each)."""
    material = json.dumps({"kind": "image", "model": model, "prompt": prompt, "aspect_ratio": aspect_ratio,
                           "size": size, "references": [hashlib.sha256(r).hexdigest() for r in references],
                           "variant": variant}, sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()


class GeminiMediaClient:
    def __init__(self, text: GeminiTextClient, renderer: VideoRenderer, *, image_size: str = "1K") -> None:
        self.text = text  # shares the SDK client, limiter and ledger
        self.renderer = renderer
        self.image_size = image_size

    async def image(self, model: str, brief: ImageBrief, variant: int, primary: bytes | None,
                    references: BrandReferences | None = None) -> MediaResult:
        """Variant 1 from the brief with the brand's product photo (and logo) as references;
        later variants as edits of `primary` that say what changes and what stays
        (`image_request.py`), so the set stays one look with the real product in it. Every one
        is a clean plate: the prompt asks for no text at all (image.v2); the headline and CTA
        are laid over by media/overlay."""
        picture = render(
            "image", aspect_ratio=brief.aspect_ratio, style=brief.style, visual_description=brief.visual_description,
            composition=brief.composition, palette=", ".join(brief.palette), variation="",
        ).text
        request = image_request(picture, brief, variant, primary, references)
        base = request.text
        last = "no attempt made"
        attempts = self.text.config.max_attempts
        config = types.GenerateContentConfig(
            response_modalities=["IMAGE"],
            image_config=types.ImageConfig(aspect_ratio=brief.aspect_ratio, image_size=self.image_size),
        )
        for attempt in range(1, attempts + 1):
            prompt = base if attempt == 1 else base + "\nKeep the scene wholesome and brand-safe; no people's faces in close-up."
            contents = request.contents(prompt)
            started = time.monotonic()
            key = image_key(model, prompt, request.images, brief.aspect_ratio, self.image_size, variant)
            hit = await self.text.guard.cached(key)
            if hit is not None and hit.body:  # paid for by a run that stopped before writing its rows
                self.text.ledger.record(CallUsage(
                    step=self.text.ledger.step, provider="gemini", model=hit.model, kind="image", note=CACHE_HIT_NOTE,
                    latency_ms=int((time.monotonic() - started) * 1000), model_version=hit.response.get("model_version"),
                ))
                return MediaResult(data=hit.body, content_type="image/png", provider="gemini", model=hit.model,
                                   attempts=attempt, model_version=hit.response.get("model_version"),
                                   fallback_reason=hit.note)
            try:  # holding: a budget stop waits until this paid image is cached
                routed = await self.text.call_routed(model, contents, config, "image", holding=True)
            except PermanentProviderError:  # bad key, retired model, budget, outage: the step fails, not the item
                raise
            except GenerationFailed as exc:  # already in the ledger, attempt by attempt
                return MediaResult(content_type="image/png", provider="gemini", model=model, error=exc.reason, attempts=attempt)
            try:
                response, used = routed.response, routed.model
                data, last = image_bytes(response)
                t_in, t_out = token_counts(response)
                served = getattr(response, "model_version", None)
                cost = image_cost(used, self.image_size, t_in) if data else text_cost(used, t_in, t_out)
                if data:
                    await self.text.guard.store(key, used, {"model_version": served, "tokens_in": t_in}, cost,
                                                note=routed.note, body=data)
            finally:
                self.text.guard.unhold()
            self.text.ledger.record(CallUsage(
                step=self.text.ledger.step, provider="gemini", model=used, kind="image", note=routed.note, tokens_in=t_in,
                tokens_out=t_out, latency_ms=int((time.monotonic() - started) * 1000), cost_usd=cost,
                status="ok" if data else ("retry" if attempt < attempts else "failed"), error=None if data else last,
                model_version=served,
            ))
            if data:
                return MediaResult(data=data, content_type="image/png", provider="gemini", model=used, attempts=attempt,
                                   cost_usd=cost, model_version=served, fallback_reason=routed.note)
        return MediaResult(content_type="image/png", provider="gemini", model=model, error=last, attempts=attempts)

    async def video(self, model: str, brief: VideoBrief, frames: list[bytes], creative_name: str = "",
                    renders: RenderStore | None = None, force: bool = False) -> MediaResult:
        """One render of the brief through the configured backend (Interactions API for Omni,
        generate_videos for Veo): `frames` are clean plates in the video's aspect — the first is the
        opening frame, up to 3 more are references; the duration is the nearest the model renders,
        Veo gets 1080p only at 8 s and the negative prompt in its own field; durable through `renders`."""
        backend = self.renderer.backend.name
        first = frames[0] if frames else None
        seconds = clip_seconds(model, brief.duration_seconds, with_first_frame=first is not None)
        words = video_prompt(brief, backend, seconds, first is not None, len(frames[1:4]))
        request = RenderRequest(prompt=words.text, negative_prompt=words.negative_prompt, first_frame=first,
                                references=frames[1:4], aspect_ratio=brief.aspect_ratio, duration_s=seconds,
                                resolution=veo_resolution(brief.resolution, seconds) if backend == "veo" else brief.resolution)
        return await self.renderer.render(model, brief, request, creative_name, renders, force)
