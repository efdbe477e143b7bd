"""Live images (gemini-2.5-flash-image) and videos (Veo 3.1 via generate_videos).

Images: bytes come back in `inline_data`; NO_IMAGE, IMAGE_SAFETY and text-only replies are
retried with a varied prompt, then reported as a failed item with its reason — never dropped.
Videos: a long-running operation polled with `operations.get(op)` every `poll_interval_s`
until done or the deadline; an empty sample list is a failure; the file is then downloaded.
"""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlsplit

import httpx

from google.genai import errors as genai_errors
from google.genai import types

from creative_pipeline.domain.brief import ImageBrief, VideoBrief
from creative_pipeline.prompts.renderer import render
from creative_pipeline.resources.gemini.client import GeminiTextClient, _enum_name
from creative_pipeline.resources.gemini.errors import GenerationFailed, retry_delay_seconds
from creative_pipeline.resources.gemini.pricing import estimate_cost
from creative_pipeline.resources.gemini.rate_limit import backoff_seconds
from creative_pipeline.resources.gemini.results import MediaResult
from creative_pipeline.resources.gemini.usage import CallUsage


class GeminiMediaClient:
    def __init__(self, text: GeminiTextClient, *, poll_interval_s: float = 10.0, video_deadline_s: float = 360.0) -> None:
        self.text = text  # shares the SDK client, limiter and ledger
        self.poll_interval_s = poll_interval_s
        self.video_deadline_s = video_deadline_s

    async def image(self, model: str, brief: ImageBrief, variant: int, primary: bytes | None) -> MediaResult:
        variation = "" if variant == 1 else f"Variation: {brief.variations[(variant - 2) % len(brief.variations)]}"
        base = render(
            "image", aspect_ratio=brief.aspect_ratio, style=brief.style, visual_description=brief.visual_description,
            composition=brief.composition, palette=", ".join(brief.palette), headline=brief.headline,
            cta=brief.cta, variation=variation,
        ).text
        last = "no attempt made"
        attempts = self.text.config.max_attempts
        for attempt in range(1, attempts + 1):
            prompt = base if attempt == 1 else base + "\nKeep the scene wholesome and brand-safe; no people's faces in close-up."
            contents: list[object] = [prompt]
            if primary is not None:
                contents = [types.Part.from_bytes(data=primary, mime_type="image/png"), "Edit this image. " + prompt]
            config = types.GenerateContentConfig(
                response_modalities=["IMAGE"], image_config=types.ImageConfig(aspect_ratio=brief.aspect_ratio)
            )
            try:
                response = await self.text.call(model, contents, config, "image")
            except GenerationFailed as exc:
                return MediaResult(content_type="image/png", provider="gemini", model=model, error=exc.reason, attempts=attempt)
            data, last = _image_bytes(response)
            usage = getattr(response, "usage_metadata", None)
            t_in = (usage.prompt_token_count or 0) if usage else 0
            t_out = (usage.candidates_token_count or 0) if usage else 0
            cost = estimate_cost(model, tokens_in=t_in, tokens_out=t_out)
            self.text.ledger.record(CallUsage(
                step=self.text.ledger.step, provider="gemini", model=model, kind="image", tokens_in=t_in,
                tokens_out=t_out, cost_usd=cost, status="ok" if data else ("retry" if attempt < attempts else "failed"),
                error=None if data else last,
            ))
            if data:
                return MediaResult(data=data, content_type="image/png", provider="gemini", model=model, attempts=attempt, cost_usd=cost)
        return MediaResult(content_type="image/png", provider="gemini", model=model, error=last, attempts=attempts)

    async def video(self, model: str, brief: VideoBrief, first_frame: bytes | None) -> MediaResult:
        prompt = render(
            "video", concept=brief.concept,
            shots=" | ".join(s.description + (f' (text: "{s.on_screen_text}")' if s.on_screen_text else "") for s in brief.shots),
            voiceover=f'Voiceover: "{brief.voiceover}"' if brief.voiceover else "", cta=brief.cta,
        ).text
        client = self.text.client.aio
        started = time.monotonic()
        try:
            source = types.GenerateVideosSource(
                prompt=prompt, image=types.Image(image_bytes=first_frame, mime_type="image/png") if first_frame else None
            )
            config = types.GenerateVideosConfig(
                aspect_ratio=brief.aspect_ratio, duration_seconds=brief.duration_seconds,
                resolution=brief.resolution, number_of_videos=1,
            )
            await self.text.limiter.acquire()
            operation = await client.models.generate_videos(model=model, source=source, config=config)
            operation = await self._poll(operation, started)
            error = _operation_error(operation)
            if error:
                return self._video_failed(model, error, started)
            videos = operation.response.generated_videos if operation.response else None
            if not videos:
                return self._video_failed(model, "the operation finished with no generated videos", started)
            video = videos[0].video
            data = video.video_bytes or await self._download(video)
        except (genai_errors.APIError, GenerationFailed, TimeoutError, httpx.HTTPError) as exc:
            return self._video_failed(model, f"{type(exc).__name__}: {exc}", started)
        cost = estimate_cost(model, video_seconds=brief.duration_seconds)
        self.text.ledger.record(CallUsage(
            step=self.text.ledger.step, provider="gemini", model=model, kind="video",
            latency_ms=int((time.monotonic() - started) * 1000), cost_usd=cost,
        ))
        return MediaResult(data=data, content_type="video/mp4", provider="gemini", model=model, cost_usd=cost)

    async def _download(self, video: types.Video) -> bytes:
        """The SDK's `files.download` understands only Google's https file URIs; a video served
        by the configured endpoint itself (a proxy or a simulator) is fetched from there directly,
        with the API key — never from any other host."""
        uri = video.uri or ""
        base = self.text.config.base_url
        if base and urlsplit(uri).netloc and urlsplit(uri).netloc == urlsplit(base).netloc:
            async with httpx.AsyncClient(timeout=self.text.config.timeout_s) as http:
                response = await http.get(uri, headers={"x-goog-api-key": self.text.config.api_key})
                response.raise_for_status()
                return response.content
        return await self.text.client.aio.files.download(file=video)

    async def _poll(self, operation: types.GenerateVideosOperation, started: float) -> types.GenerateVideosOperation:
        attempt = 0
        while not operation.done:
            if time.monotonic() - started > self.video_deadline_s:
                raise TimeoutError(f"video not ready after {self.video_deadline_s:.0f} s (deadline)")
            await asyncio.sleep(self.poll_interval_s)
            try:
                operation = await self.text.client.aio.operations.get(operation)
                attempt = 0
            except genai_errors.ClientError as exc:
                if exc.code != 429:
                    raise
                attempt += 1
                await asyncio.sleep(retry_delay_seconds(exc.details) or backoff_seconds(attempt))
        return operation

    def _video_failed(self, model: str, reason: str, started: float) -> MediaResult:
        self.text.ledger.record(CallUsage(
            step=self.text.ledger.step, provider="gemini", model=model, kind="video",
            latency_ms=int((time.monotonic() - started) * 1000), status="failed", error=reason,
        ))
        return MediaResult(content_type="video/mp4", provider="gemini", model=model, error=reason)


def _image_bytes(response: object) -> tuple[bytes | None, str]:
    feedback = getattr(response, "prompt_feedback", None)
    if feedback is not None and getattr(feedback, "block_reason", None):
        return None, f"prompt blocked: {_enum_name(feedback.block_reason)}"
    candidates = getattr(response, "candidates", None) or []
    if not candidates:
        return None, "empty reply: no candidates"
    candidate = candidates[0]
    for part in (candidate.content.parts if candidate.content and candidate.content.parts else []):
        if part.inline_data is not None and part.inline_data.data:
            return part.inline_data.data, ""
    finish = _enum_name(candidate.finish_reason)
    if finish in {"NO_IMAGE", "IMAGE_SAFETY", "SAFETY", "IMAGE_PROHIBITED_CONTENT", "PROHIBITED_CONTENT"}:
        return None, f"no image: finishReason {finish}"
    return None, f"text-only reply, no image (finishReason {finish or 'unknown'})"


def _operation_error(operation: types.GenerateVideosOperation) -> str | None:
    error = getattr(operation, "error", None)
    if error:
        return f"video operation failed: {error.get('message', error) if isinstance(error, dict) else error}"
    return None
