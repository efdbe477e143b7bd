"""Live images (gemini-2.5-flash-image) and videos (Veo 3.1 via generate_videos).

Images: bytes come back in `inline_data`; NO_IMAGE, IMAGE_SAFETY and text-only replies are
retried with a varied prompt, then reported as a failed item with its reason — never dropped.
Videos: the submission gets the same 429/5xx retries as a text call; the long-running
operation is then polled with `operations.get(op)` every `poll_interval_s` until done or the
deadline. A 429, 5xx or dropped connection while polling is waited out, not fatal: the render
keeps running (and is billed) server-side, so giving up on a poll would throw a paid video away.
An empty sample list is a failure that names Veo's filter reasons; the file is then downloaded.
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
from creative_pipeline.resources.gemini.client import (
    MAX_RETRY_DELAY_S,
    GeminiTextClient,
)
from creative_pipeline.resources.gemini.errors import (
    GenerationFailed,
    retry_delay_seconds,
)
from creative_pipeline.resources.gemini.pricing import estimate_cost
from creative_pipeline.resources.gemini.rate_limit import backoff_seconds
from creative_pipeline.resources.gemini.replies import (
    image_bytes,
    image_mime,
    token_counts,
)
from creative_pipeline.resources.gemini.results import MediaResult
from creative_pipeline.resources.gemini.usage import CallUsage


class GeminiMediaClient:
    def __init__(self, text: GeminiTextClient, *, poll_interval_s: float = 10.0, video_deadline_s: float = 360.0) -> None:
        self.text = text  # shares the SDK client, limiter and ledger
        self.poll_interval_s = poll_interval_s
        self.video_deadline_s = video_deadline_s

    async def image(self, model: str, brief: ImageBrief, variant: int, primary: bytes | None) -> MediaResult:
        """Variant 1 from the brief; later variants as edits of `primary`, so the set stays one look."""
        variation = "" if variant == 1 else f"Variation: {brief.variations[(variant - 2) % len(brief.variations)]}"
        base = render(
            "image", aspect_ratio=brief.aspect_ratio, style=brief.style, visual_description=brief.visual_description,
            composition=brief.composition, palette=", ".join(brief.palette), headline=brief.headline,
            cta=brief.cta, variation=variation,
        ).text
        last = "no attempt made"
        attempts = self.text.config.max_attempts
        config = types.GenerateContentConfig(
            response_modalities=["IMAGE"], image_config=types.ImageConfig(aspect_ratio=brief.aspect_ratio)
        )
        for attempt in range(1, attempts + 1):
            prompt = base if attempt == 1 else base + "\nKeep the scene wholesome and brand-safe; no people's faces in close-up."
            contents: list[object] = [prompt]
            if primary is not None:
                contents = [types.Part.from_bytes(data=primary, mime_type=image_mime(primary)), "Edit this image. " + prompt]
            started = time.monotonic()
            try:
                response = await self.text.call(model, contents, config, "image")
            except GenerationFailed as exc:  # already in the ledger, attempt by attempt
                return MediaResult(content_type="image/png", provider="gemini", model=model, error=exc.reason, attempts=attempt)
            data, last = image_bytes(response)
            t_in, t_out = token_counts(response)
            cost = estimate_cost(model, tokens_in=t_in, tokens_out=t_out)
            self.text.ledger.record(CallUsage(
                step=self.text.ledger.step, provider="gemini", model=model, kind="image", tokens_in=t_in,
                tokens_out=t_out, latency_ms=int((time.monotonic() - started) * 1000), cost_usd=cost,
                status="ok" if data else ("retry" if attempt < attempts else "failed"), error=None if data else last,
            ))
            if data:
                return MediaResult(data=data, content_type="image/png", provider="gemini", model=model, attempts=attempt, cost_usd=cost)
        return MediaResult(content_type="image/png", provider="gemini", model=model, error=last, attempts=attempts)

    async def video(self, model: str, brief: VideoBrief, first_frame: bytes | None) -> MediaResult:
        """One Veo render of the brief (from `first_frame` when given), downloaded, or the reason why not."""
        prompt = render(
            "video", concept=brief.concept,
            shots=" | ".join(s.description + (f' (text: "{s.on_screen_text}")' if s.on_screen_text else "") for s in brief.shots),
            voiceover=f'Voiceover: "{brief.voiceover}"' if brief.voiceover else "", cta=brief.cta,
        ).text
        client = self.text.client.aio
        started = time.monotonic()
        source = types.GenerateVideosSource(
            prompt=prompt,
            image=types.Image(image_bytes=first_frame, mime_type=image_mime(first_frame)) if first_frame else None,
        )
        config = types.GenerateVideosConfig(
            aspect_ratio=brief.aspect_ratio, duration_seconds=brief.duration_seconds,
            resolution=brief.resolution, number_of_videos=1,
        )
        try:
            operation = await self.text.with_retries(
                model, "video", lambda: client.models.generate_videos(model=model, source=source, config=config)
            )
        except GenerationFailed as exc:  # already in the ledger, attempt by attempt
            return MediaResult(content_type="video/mp4", provider="gemini", model=model, error=exc.reason, attempts=exc.attempts)
        try:
            operation = await self._poll(operation, started)
            error = _operation_error(operation)
            if error:
                return self._video_failed(model, error, started)
            videos = operation.response.generated_videos if operation.response else None
            video = videos[0].video if videos else None
            if video is None:
                return self._video_failed(model, _no_video_reason(operation), started)
        except (genai_errors.APIError, TimeoutError, httpx.HTTPError) as exc:
            return self._video_failed(model, f"{type(exc).__name__}: {exc}", started)
        cost = estimate_cost(model, video_seconds=brief.duration_seconds)
        try:  # rendered means billed: a failed download still costs the render
            data = video.video_bytes or await self._download(video)
        except (genai_errors.APIError, httpx.HTTPError) as exc:
            return self._video_failed(model, f"download failed: {type(exc).__name__}: {exc}", started, cost)
        if not data:
            return self._video_failed(model, f"the video file {video.uri or ''} downloaded empty", started, cost)
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
        """Ask until done or the deadline; transient poll failures wait (RetryInfo or backoff)."""
        failures = 0
        while not operation.done:
            remaining = self.video_deadline_s - (time.monotonic() - started)
            if remaining <= 0:
                raise TimeoutError(f"video not ready after {self.video_deadline_s:.0f} s (deadline)")
            await asyncio.sleep(min(self.poll_interval_s, remaining))
            try:
                operation = await self.text.client.aio.operations.get(operation)
                failures = 0
                continue
            except genai_errors.ClientError as exc:
                if exc.code != 429:
                    raise
                delay = retry_delay_seconds(exc.details)
            except (genai_errors.ServerError, httpx.TransportError):
                delay = None
            failures += 1
            delay = delay or backoff_seconds(failures, base=self.text.config.backoff_base_s)
            await asyncio.sleep(max(0.0, min(delay, MAX_RETRY_DELAY_S, self.video_deadline_s - (time.monotonic() - started))))
        return operation

    def _video_failed(self, model: str, reason: str, started: float, cost_usd: float = 0.0) -> MediaResult:
        self.text.ledger.record(CallUsage(
            step=self.text.ledger.step, provider="gemini", model=model, kind="video", cost_usd=cost_usd,
            latency_ms=int((time.monotonic() - started) * 1000), status="failed", error=reason,
        ))
        return MediaResult(content_type="video/mp4", provider="gemini", model=model, error=reason, cost_usd=cost_usd)


def _operation_error(operation: types.GenerateVideosOperation) -> str | None:
    error = getattr(operation, "error", None)
    if error:
        return f"video operation failed: {error.get('message', error) if isinstance(error, dict) else error}"
    return None


def _no_video_reason(operation: types.GenerateVideosOperation) -> str:
    """Veo drops filtered renders silently from the sample list; its reasons say why."""
    reasons = (operation.response.rai_media_filtered_reasons if operation.response else None) or []
    detail = f" (filtered: {'; '.join(reasons)[:300]})" if reasons else ""
    return f"the operation finished with no generated videos{detail}"
