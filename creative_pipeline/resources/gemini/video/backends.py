"""One video interface, two backends: Gemini Omni Flash through the Interactions API (the
Gemini API's video path since the Veo 3.1 previews closed on 2026-10-22) and Veo through
`generate_videos` (predictLongRunning; for Vertex AI users).

A backend only speaks the protocol: `submit` returns the provider's render id (interaction id
or operation name), `poll` reads its state, `download` fetches the bytes. Storing the id,
deadlines, retries and booking live in `video_render`.

Interactions API, as google-genai 2.34.0 sends it (read in `_gaos/interactions.py` and
`_gaos/types/interactions/*`): `POST /{api_version}/interactions` with `{model, input: [content
parts {type: text|image, text|data, mime_type}], response_format: {type: "video", aspect_ratio,
duration: "8s", resolution, delivery: "uri"}, background: true}`; `GET /{api_version}/
interactions/{id}` returns `{id, status, steps: [{type: "model_output", content: [{type:
"video", uri|data, mime_type}]}], errors?}`. `response_format` may be an object or a list (the
SDK types allow both): we send the object, which the docs' examples use. The generated SDK
retries 408/409/429/5xx on its own by default — a retried create could pay twice — so its
retry is switched off here and `with_retries` (which knows about RetryInfo and the ledger) owns it.
"""

from __future__ import annotations

import base64
from typing import Any, Literal, Protocol
from urllib.parse import urlsplit

import httpx
from google.genai import errors as genai_errors
from google.genai import types
from pydantic import BaseModel

from creative_pipeline.resources.gemini.models.catalog import veo_resolution
from creative_pipeline.resources.gemini.sdk.replies import image_mime

FAILED_STATES = {"failed", "cancelled", "incomplete", "budget_exceeded", "requires_action"}
GOOGLE_HOSTS = ("generativelanguage.googleapis.com",)


class RenderRequest(BaseModel):
    prompt: str
    first_frame: bytes | None = None
    references: list[bytes] = []
    aspect_ratio: str = "9:16"
    duration_s: int = 8
    resolution: str = "720p"
    negative_prompt: str = ""  # Veo's `negative_prompt`; for Omni the same words are in `prompt`


class RenderState(BaseModel):
    state: Literal["running", "done", "failed"]
    uri: str | None = None
    data: bytes | None = None
    error: str | None = None
    model_version: str | None = None


class VideoBackend(Protocol):
    name: Literal["interactions", "veo"]

    async def submit(self, model: str, request: RenderRequest) -> str: ...

    async def poll(self, model: str, render_id: str) -> RenderState: ...

    async def download(self, state: RenderState) -> bytes: ...


def as_genai_error(exc: Exception) -> Exception:
    """The generated Interactions client raises its own error classes; the retry policy speaks
    google.genai.errors (ClientError / ServerError) and httpx transport errors."""
    status = getattr(exc, "status_code", None)
    if status is None:
        return httpx.TransportError(f"{type(exc).__name__}: {exc}")
    body = getattr(exc, "body", None)
    body = body if isinstance(body, dict) else {"error": {"code": status, "message": str(exc)}}
    cls = genai_errors.ClientError if status < 500 else genai_errors.ServerError
    return cls(status, body)


async def fetch_media(uri: str, api_key: str | None, base_url: str | None, timeout_s: float) -> bytes:
    """GET a video URI with `alt=media` and the key header — only from Google or the configured
    endpoint, so a reply can never send the key to another host."""
    host = urlsplit(uri).netloc
    allowed = set(GOOGLE_HOSTS) | ({urlsplit(base_url).netloc} if base_url else set())
    if host not in allowed:
        raise httpx.InvalidURL(f"refusing to download a video from {host!r} (not the Gemini endpoint)")
    async with httpx.AsyncClient(timeout=timeout_s, follow_redirects=True) as http:
        # httpx replaces a URI's own query with `params` (even an empty dict): pass none when the
        # URI already asks for the bytes, or the endpoint answers the file's metadata instead
        # (found by the delivered-video probe: a JSON document had been stored as the video)
        extra = {} if "alt=media" in uri else {"params": {"alt": "media"}}
        response = await http.get(uri, headers={"x-goog-api-key": api_key or ""}, **extra)
        response.raise_for_status()
        return response.content


def _get(value: Any, name: str) -> Any:
    return value.get(name) if isinstance(value, dict) else getattr(value, name, None)


def interaction_video(interaction: Any) -> Any:
    """The video content of a completed interaction: the SDK's `output_video` when it set one,
    else the last `{type: "video"}` item in `steps[].content[]`."""
    found = _get(interaction, "output_video")
    for step in _get(interaction, "steps") or []:
        for item in _get(step, "content") or []:
            if _get(item, "type") == "video":
                found = found or item
    return found


def interaction_error(interaction: Any) -> str:
    status = _get(interaction, "status") or "unknown"
    reasons = [str(_get(e, "message") or _get(e, "code")) for e in _get(interaction, "errors") or []]
    for step in _get(interaction, "steps") or []:
        error = _get(step, "error")
        if error is not None and _get(error, "message"):
            reasons.append(str(_get(error, "message")))
    return f"interaction {status}" + (f": {'; '.join(reasons)[:500]}" if reasons else "")


class InteractionsBackend:
    name: Literal["interactions"] = "interactions"

    def __init__(self, client: Any, *, api_key: str | None, base_url: str | None, timeout_s: float) -> None:
        from google.genai._gaos.utils import RetryConfig

        self.interactions = client.aio.interactions
        self.interactions.sdk_configuration.retry_config = RetryConfig("none", None, False)
        self.api_key, self.base_url, self.timeout_s = api_key, base_url, timeout_s

    async def submit(self, model: str, request: RenderRequest) -> str:
        parts: list[dict[str, Any]] = [{"type": "text", "text": request.prompt}]
        for image in ([request.first_frame] if request.first_frame else []) + request.references[:3]:
            parts.append({"type": "image", "data": base64.b64encode(image).decode(), "mime_type": image_mime(image)})
        response_format = {"type": "video", "aspect_ratio": request.aspect_ratio, "duration": f"{request.duration_s}s",
                           "resolution": request.resolution, "delivery": "uri"}
        try:
            interaction = await self.interactions.create(model=model, input=parts, response_format=response_format,
                                                         background=True)
        except Exception as exc:  # noqa: BLE001 - mapped to the retry policy's error classes
            raise as_genai_error(exc) from exc
        if not _get(interaction, "id"):
            raise genai_errors.ServerError(500, {"error": {"message": "interaction accepted without an id"}})
        return str(_get(interaction, "id"))

    async def poll(self, model: str, render_id: str) -> RenderState:
        try:
            interaction = await self.interactions.get(render_id)
        except Exception as exc:  # noqa: BLE001
            raise as_genai_error(exc) from exc
        status = str(_get(interaction, "status") or "")
        if status in FAILED_STATES:
            return RenderState(state="failed", error=interaction_error(interaction))
        if status != "completed":
            return RenderState(state="running")
        video = interaction_video(interaction)
        if video is None:
            return RenderState(state="failed", error="interaction completed with no video in its steps")
        data = _get(video, "data")
        raw = base64.b64decode(data) if isinstance(data, str) else data
        return RenderState(state="done", uri=_get(video, "uri"), data=raw or None, model_version=_get(interaction, "model"))

    async def download(self, state: RenderState) -> bytes:
        if state.data:
            return state.data
        return await fetch_media(state.uri or "", self.api_key, self.base_url, self.timeout_s)


class VeoBackend:
    """`generate_videos` → predictLongRunning; the operation name is the render id."""

    name: Literal["veo"] = "veo"

    def __init__(self, client: Any, *, api_key: str | None, base_url: str | None, timeout_s: float) -> None:
        self.client, self.api_key, self.base_url, self.timeout_s = client, api_key, base_url, timeout_s

    async def submit(self, model: str, request: RenderRequest) -> str:
        frame = request.first_frame
        source = types.GenerateVideosSource(
            prompt=request.prompt, image=types.Image(image_bytes=frame, mime_type=image_mime(frame)) if frame else None)
        config = types.GenerateVideosConfig(aspect_ratio=request.aspect_ratio, duration_seconds=request.duration_s,
                                            resolution=veo_resolution(request.resolution, request.duration_s),
                                            negative_prompt=request.negative_prompt or None, number_of_videos=1)
        operation = await self.client.aio.models.generate_videos(model=model, source=source, config=config)
        return str(operation.name)

    async def poll(self, model: str, render_id: str) -> RenderState:
        operation = await self.client.aio.operations.get(types.GenerateVideosOperation(name=render_id))
        if not operation.done:
            return RenderState(state="running")
        error = getattr(operation, "error", None)
        if error:
            return RenderState(state="failed", error=f"video operation failed: {error.get('message', error) if isinstance(error, dict) else error}")
        videos = operation.response.generated_videos if operation.response else None
        video = videos[0].video if videos else None
        if video is None:
            reasons = (operation.response.rai_media_filtered_reasons if operation.response else None) or []
            detail = f" (filtered: {'; '.join(reasons)[:300]})" if reasons else ""
            return RenderState(state="failed", error=f"the operation finished with no generated videos{detail}")
        return RenderState(state="done", uri=video.uri, data=video.video_bytes)

    async def download(self, state: RenderState) -> bytes:
        if state.data:
            return state.data
        uri = state.uri or ""
        if self.base_url and urlsplit(uri).netloc == urlsplit(self.base_url).netloc:
            return await fetch_media(uri, self.api_key, self.base_url, self.timeout_s)
        return await self.client.aio.files.download(file=types.Video(uri=uri))
