"""The Interactions API for video (Gemini Omni Flash), as google-genai 2.34.0 speaks it.

`POST /v1beta/interactions` `{model, input, response_format: {type: "video", aspect_ratio,
duration: "8s", resolution, delivery}, background: true}` -> `{id, status: "in_progress", ...}`;
`GET /v1beta/interactions/{id}` -> the same resource, `completed` after `polls_until_done`
polls, with the video in `steps[].content[]` as `{type: "video", uri, mime_type}`; the URI is
fetched with `?alt=media` (without it the files endpoint answers the file's metadata).
`response_format` is accepted as an object or a one-item list (the SDK types allow both).
Faults bound at creation: `interaction_failed`, `interaction_incomplete`, `interaction_never_done`,
`wrong_shape` (completes, but the video is in the other orientation and 2 s shorter).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from .gemini_sim_endpoints import BadRequest
from .gemini_sim_faults import Fault, error_body
from .gemini_sim_media import VIDEO_ASPECT_RATIOS, delivered_shape, render_mp4
from .gemini_sim_models import model_resource

RESOLUTIONS = ("360p", "720p", "1080p", "4k")
DURATION = re.compile(r"^(?P<s>\d+)s$")
MAX_SECONDS = {"gemini-omni-1.1-flash": 10, "gemini-omni-1.2-flash": 15}
MAX_IMAGES = 6
FILE_URI = "{base}/v1beta/files/{file_id}:download"
GOOGLE_BASE = "https://generativelanguage.googleapis.com"


@dataclass
class Interaction:
    id: str
    model: str
    aspect_ratio: str
    duration_s: int
    resolution: str
    images: int
    fault: str | None
    created: str
    polls: int = 0
    file_id: str | None = None
    status: str = "in_progress"
    extra: dict[str, Any] = field(default_factory=dict)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat().replace("+00:00", "Z")


def _video_format(body: dict[str, Any]) -> dict[str, Any]:
    fmt = body.get("response_format")
    formats = fmt if isinstance(fmt, list) else [fmt] if isinstance(fmt, dict) else []
    video = next((f for f in formats if isinstance(f, dict) and f.get("type") == "video"), None)
    if video is None:
        raise BadRequest("response_format must contain a {type: \"video\"} entry for a video model")
    return video


def new_interaction(body: Any, fault: str | None) -> Interaction:
    """Validate a create body the way the service does for Omni and start the render."""
    if not isinstance(body, dict) or not isinstance(body.get("model"), str):
        raise BadRequest("* CreateInteractionRequest.model: model is required")
    model = body["model"].removeprefix("models/")
    parts = body.get("input")
    if isinstance(parts, str):
        parts = [{"type": "text", "text": parts}]
    if not isinstance(parts, list) or not parts:
        raise BadRequest("* CreateInteractionRequest.input: input must not be empty")
    # content parts, or steps ({type: "user_input", content: [...]}: the form google-genai 2.34 sends)
    parts = [c for p in parts for c in ((p.get("content") or []) if isinstance(p, dict) and p.get("type") == "user_input"
                                        else [p])]
    images = [p for p in parts if isinstance(p, dict) and p.get("type") == "image"]
    if len(images) > MAX_IMAGES:
        raise BadRequest(f"at most {MAX_IMAGES} image parts are supported, got {len(images)}")
    if any(not (p.get("data") or p.get("uri")) or not p.get("mime_type") for p in images):
        raise BadRequest("image parts need data (base64) or uri, and mime_type")
    fmt = _video_format(body)
    aspect = fmt.get("aspect_ratio", "16:9")
    if aspect not in VIDEO_ASPECT_RATIOS:
        raise BadRequest(f"aspect_ratio must be one of {VIDEO_ASPECT_RATIOS}, got {aspect!r}")
    match = DURATION.match(str(fmt.get("duration", "8s")))
    limit = MAX_SECONDS.get(model, 10)
    if not match or not 3 <= int(match["s"]) <= limit:
        raise BadRequest(f"duration must be \"Ns\" with N between 3 and {limit}, got {fmt.get('duration')!r}")
    resolution = str(fmt.get("resolution", "720p")).lower()
    if resolution not in RESOLUTIONS:
        raise BadRequest(f"resolution must be one of {RESOLUTIONS}, got {fmt.get('resolution')!r}")
    return Interaction(f"v1_{uuid.uuid4().hex[:24]}", model, aspect, int(match["s"]), resolution, len(images), fault,
                       _now(), status="in_progress" if body.get("background") else "completed")


def interaction_payload(it: Interaction, polls_until_done: int, base: str, advance: bool) -> dict[str, Any]:
    """The Interaction resource; a GET (`advance`) moves the render on by one poll."""
    if advance and it.status == "in_progress":
        it.polls += 1
        if it.fault != "interaction_never_done" and it.polls >= max(1, polls_until_done):
            it.status = {"interaction_failed": "failed", "interaction_incomplete": "incomplete"}.get(it.fault or "",
                                                                                                     "completed")
    payload: dict[str, Any] = {"id": it.id, "object": "interaction", "model": it.model, "status": it.status,
                               "created": it.created, "updated": _now(), "role": "model"}
    if it.status == "failed":
        payload["errors"] = [{"code": "INTERNAL", "message": "Video generation failed due to an internal error."}]
    elif it.status == "incomplete":
        payload["steps"] = [{"type": "model_output", "content": [],
                             "error": {"code": 3, "message": "The output was blocked by the safety filters."}}]
    elif it.status == "completed":
        it.file_id = it.file_id or uuid.uuid4().hex[:16]
        uri = FILE_URI.format(base=base, file_id=it.file_id)
        payload["steps"] = [{"type": "model_output", "content": [{"type": "video", "uri": uri, "mime_type": "video/mp4"}]}]
        payload["usage"] = {"total_input_tokens": 300 + 258 * it.images, "total_output_tokens": 0}
    return payload


def serve_interactions_api(sim: Any, endpoint: str, match: re.Match[str], query: dict[str, list[str]], body: Any,
                      fault: Fault | None) -> tuple[int, str, Any, Fault | None]:
    """models.get, the Interactions API and file downloads (see gemini_sim_interactions)."""
    js = "application/json"
    if endpoint == "models.get":
        return 200, js, model_resource(match["model"]), fault
    if endpoint == "countTokens":
        return 200, js, {"totalTokens": max(1, len(json.dumps(body)) // 4)}, fault
    base = sim.base_url if sim.local_video_uris else GOOGLE_BASE
    if endpoint == "interactions.create":
        it = new_interaction(body, fault.name if fault else None)
        with sim._lock:
            sim._interactions[it.id] = it
            return 200, js, interaction_payload(it, int(sim.polls_until_done), base, advance=False), fault
    if endpoint == "interactions.get":
        with sim._lock:
            it = sim._interactions.get(match["id"])
            if it is None:
                return 404, js, error_body(404, f"Interaction {match['id']} not found."), fault
            payload = interaction_payload(it, int(sim.polls_until_done), base, advance=True)
            if it.file_id:
                sim._files.setdefault(it.file_id, delivered_shape(it.aspect_ratio, it.duration_s, it.fault))
        return 200, js, payload, fault
    with sim._lock:
        spec = sim._files.get(match["id"])
    if spec is None:
        return 404, js, error_body(404, f"File {match['id']} not found."), fault
    if (query.get("alt") or [""])[0] != "media":  # without alt=media the files API answers metadata
        return 200, js, {"name": f"files/{match['id']}", "mimeType": "video/mp4", "state": "ACTIVE"}, fault
    return 200, "video/mp4", render_mp4(spec[0], spec[1], match["id"]), fault
