"""Veo on Vertex AI (Gemini Enterprise Agent Platform), as google-genai 2.34.0 speaks it with
`vertexai=True`: `POST /{v}/projects/P/locations/L/publishers/google/models/M:predictLongRunning`
(same instances/parameters body as the Gemini API) -> `{name: "projects/P/locations/L/publishers/
google/models/M/operations/ID"}`; polling is `POST .../models/M:fetchPredictOperation` with
`{operationName}`, and a finished render carries `response.videos[] {bytesBase64Encoded |
gcsUri, mimeType}` (inline bytes when no storage URI was given). Auth is an OAuth bearer token.
"""

from __future__ import annotations

import base64
import re
from typing import Any

from .gemini_sim_media import render_mp4

_MODEL = r"^/v1(?:beta1)?/projects/(?P<project>[^/]+)/locations/(?P<location>[^/]+)/publishers/google/models/(?P<model>[^/:]+)"
ROUTES: list[tuple[str, str, re.Pattern[str]]] = [
    ("POST", "predictLongRunning", re.compile(_MODEL + r":predictLongRunning$")),
    ("POST", "operation", re.compile(_MODEL + r":fetchPredictOperation$")),
]
RESPONSE_TYPE = "type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse"


def is_vertex(match: re.Match[str] | None) -> bool:
    return bool(match and match.groupdict().get("project"))


def operation_name(match: re.Match[str], op_id: str) -> str:
    return (f"projects/{match['project']}/locations/{match['location']}/publishers/google/models/{match['model']}"
            f"/operations/{op_id}")


def operation_id(match: re.Match[str], body: Any) -> str:
    if match.groupdict().get("id"):
        return match["id"]
    return str((body or {}).get("operationName", "") if isinstance(body, dict) else "").rsplit("/", 1)[-1]


def to_vertex(payload: dict[str, Any], name: str, aspect_ratio: str, duration_s: int) -> dict[str, Any]:
    """The Gemini-API operation JSON rewritten in Vertex's shape, videos inline."""
    out: dict[str, Any] = {"name": name, "done": payload.get("done", False)}
    if "error" in payload:
        out["error"] = payload["error"]
    response = payload.get("response")
    if response:
        gen = response.get("generateVideoResponse", {})
        samples = gen.get("generatedSamples", [])
        videos = [{"bytesBase64Encoded": base64.b64encode(render_mp4(aspect_ratio, duration_s, f"v{i}")).decode(),
                   "mimeType": "video/mp4"} for i, _ in enumerate(samples)]
        out["response"] = {"@type": RESPONSE_TYPE, "videos": videos,
                           "raiMediaFilteredCount": gen.get("raiMediaFilteredCount", 0),
                           **({"raiMediaFilteredReasons": gen["raiMediaFilteredReasons"]}
                              if gen.get("raiMediaFilteredReasons") else {})}
    return out
