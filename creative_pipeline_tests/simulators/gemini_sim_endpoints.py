"""Response builders for the simulated Gemini endpoints (pure functions, no HTTP).

Kept apart from the server so the JSON shapes — which are what the google-genai SDK
actually parses — can be read in one place and match the live service: candidates /
finishReason / usageMetadata for generateContent, long-running operations for Veo.
"""

from __future__ import annotations

import base64
import json
import random
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable

from .gemini_sim_faults import Fault, break_schema
from .gemini_sim_media import IMAGE_ASPECT_RATIOS, VIDEO_ASPECT_RATIOS, render_png
from .gemini_sim_models import served_version
from .gemini_sim_schema import SchemaGenerator, kw
from .gemini_sim_writer import write

Responder = Callable[[dict[str, Any], str], Any]
VIDEO_URI = "https://generativelanguage.googleapis.com/v1beta/files/{file_id}:download?alt=media"
OPERATION_RESPONSE_TYPE = "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse"


class BadRequest(Exception):
    """Raised for requests the real API would reject with 400 INVALID_ARGUMENT."""


def is_image_request(body: dict[str, Any]) -> bool:
    modalities = kw(body.get("generationConfig") or {}, "responseModalities") or []
    return any(str(m).upper() == "IMAGE" for m in modalities)


def _prompt_stats(body: dict[str, Any]) -> tuple[str, int]:
    """Concatenated prompt text and a token estimate (chars/4, 258 per inline image)."""
    texts: list[str] = []
    images = 0
    contents = list(body.get("contents") or [])
    if isinstance(body.get("systemInstruction"), dict):
        contents.append(body["systemInstruction"])
    for content in contents:
        for part in (content or {}).get("parts") or []:
            if isinstance(part.get("text"), str):
                texts.append(part["text"])
            if "inlineData" in part or "fileData" in part:
                images += 1
    text = "\n".join(texts)
    return text, max(1, len(text) // 4) + 258 * images


def _validate(body: dict[str, Any]) -> dict[str, Any]:
    contents = body.get("contents")
    if not isinstance(contents, list) or not contents:
        raise BadRequest("* GenerateContentRequest.contents: contents is not specified")
    for content in contents:
        if not isinstance(content, dict) or not content.get("parts"):
            raise BadRequest("* GenerateContentRequest.contents.parts: contents.parts must not be empty.")
    config = body.get("generationConfig") or {}
    if not isinstance(config, dict):
        raise BadRequest("generationConfig must be an object")
    has_schema = kw(config, "responseSchema") is not None
    has_json_schema = kw(config, "responseJsonSchema") is not None
    if has_schema and has_json_schema:
        raise BadRequest("responseSchema and responseJsonSchema are mutually exclusive")
    mime = kw(config, "responseMimeType") or "text/plain"
    if (has_schema or has_json_schema) and mime not in ("application/json", "text/x.enum"):
        raise BadRequest(f"response_mime_type must be application/json when a schema is set, got {mime}")
    return config


def _envelope(model: str, candidates: list[dict[str, Any]] | None, prompt_tokens: int, out_tokens: int,
              extra: dict[str, Any] | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {}
    if candidates is not None:
        payload["candidates"] = candidates
    payload["usageMetadata"] = {
        "promptTokenCount": prompt_tokens,
        "candidatesTokenCount": out_tokens,
        "totalTokenCount": prompt_tokens + out_tokens,
    }
    payload["modelVersion"] = served_version(model)
    payload["responseId"] = uuid.uuid4().hex[:22]
    payload.update(extra or {})
    return payload


def _candidate(parts: list[dict[str, Any]] | None, finish: str, **extra: Any) -> dict[str, Any]:
    cand: dict[str, Any] = {}
    if parts is not None:
        cand["content"] = {"role": "model", "parts": parts}
    cand.update({"finishReason": finish, "index": 0, **extra})
    return cand


def generate_content(body: dict[str, Any], model: str, fault: Fault | None, index: int, seed: int,
                     responder: Responder | None, writer: str = "careful") -> dict[str, Any]:
    """Build the generateContent JSON for text, structured and image calls."""
    config = _validate(body)
    prompt, prompt_tokens = _prompt_stats(body)
    name = fault.name if fault else None
    if name == "prompt_blocked":
        return _envelope(model, None, prompt_tokens, 0, {"promptFeedback": {"blockReason": "SAFETY"}})
    if name == "safety":
        ratings = [{"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH", "blocked": True}]
        return _envelope(model, [_candidate(None, "SAFETY", safetyRatings=ratings)], prompt_tokens, 0)
    if name == "empty_candidates":
        return _envelope(model, [], prompt_tokens, 0)
    if is_image_request(body):
        return _image(config, model, name, index, prompt_tokens)
    rng = random.Random(seed * 1_000_003 + index)
    text = _text(body, config, model, name, index, rng, prompt, responder, writer)
    finish = "STOP"
    if name == "truncated":
        cut = text[: max(1, len(text) // 2)]
        text, finish = (("[" + cut) if _parses(cut) else cut), "MAX_TOKENS"
    elif name == "short_list":
        text = _shorten(text)
    elif name == "invalid_json":
        text = "Sure! Here is the JSON you asked for:\n{" + text[1:40].replace('"', "'") + " ..."
    return _envelope(model, [_candidate([{"text": text}], finish)], prompt_tokens, max(1, len(text) // 4))


def _shorten(text: str) -> str:
    """The same JSON with its first list cut to half its items (a lax model's short reply)."""
    value = json.loads(text)
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, list):
                value[key] = item[: len(item) // 2]
                break
    elif isinstance(value, list):
        value = value[: len(value) // 2]
    return json.dumps(value)


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _text(body: dict[str, Any], config: dict[str, Any], model: str, fault: str | None, index: int,
          rng: random.Random, prompt: str, responder: Responder | None, writer: str = "careful") -> str:
    schema = kw(config, "responseSchema")
    if schema is None:
        schema = kw(config, "responseJsonSchema")
    custom = responder(body, model) if responder else None
    if custom is None:
        custom = write(body, writer, index, rng)
    if isinstance(custom, str):
        return custom
    is_json = schema is not None or kw(config, "responseMimeType") == "application/json"
    if not is_json and custom is None:
        words = " ".join(prompt.split()[:12])
        return f"Simulated reply #{index} from {model}: {words}"
    gen = SchemaGenerator(schema or {}, rng, index)
    if custom is not None:
        value = custom
    elif schema is not None:
        value = gen.generate(schema, str(schema.get("title") or "value"))
    else:
        value = {"text": f"Simulated reply #{index}"}
    if fault == "wrong_schema":
        value = break_schema(value, schema, gen)
    return json.dumps(value)


def _image(config: dict[str, Any], model: str, fault: str | None, index: int, prompt_tokens: int) -> dict[str, Any]:
    image_config = kw(config, "imageConfig") or {}
    aspect = kw(image_config, "aspectRatio") or "1:1"
    if aspect not in IMAGE_ASPECT_RATIOS:
        raise BadRequest(f"Unsupported aspect ratio {aspect!r}; supported: {', '.join(IMAGE_ASPECT_RATIOS)}")
    if fault == "no_image":
        return _envelope(model, [_candidate(None, "NO_IMAGE")], prompt_tokens, 0)
    if fault == "image_safety":
        msg = "Unable to show the generated image: it may violate our policies."
        return _envelope(model, [_candidate(None, "IMAGE_SAFETY", finishMessage=msg)], prompt_tokens, 0)
    if fault == "text_only":
        text = "I can describe the scene, but I could not render an image for this request."
        return _envelope(model, [_candidate([{"text": text}], "STOP")], prompt_tokens, len(text) // 4)
    data = base64.b64encode(render_png(aspect, index, label=aspect)).decode("ascii")
    parts: list[dict[str, Any]] = []
    modalities = [str(m).upper() for m in kw(config, "responseModalities") or []]
    if "TEXT" in modalities:
        parts.append({"text": f"Here is image #{index}."})
    parts.append({"inlineData": {"mimeType": "image/png", "data": data}})
    return _envelope(model, [_candidate(parts, "STOP")], prompt_tokens, 1290)


@dataclass
class VideoOperation:
    """State of one simulated Veo long-running operation."""

    name: str
    model: str
    aspect_ratio: str
    duration_s: int
    count: int
    fault: str | None
    polls: int = 0
    file_ids: list[str] = field(default_factory=list)


def new_operation(body: dict[str, Any], model: str, fault: Fault | None) -> VideoOperation:
    """Validate a predictLongRunning body the way Veo does and create its operation."""
    instances = body.get("instances")
    if not isinstance(instances, list) or not instances or not isinstance(instances[0], dict):
        raise BadRequest("instances must be a non-empty list")
    if not (instances[0].get("prompt") or instances[0].get("image")):
        raise BadRequest("instances[0] needs a prompt or an image")
    params = body.get("parameters") or {}
    aspect = params.get("aspectRatio", "16:9")
    if aspect not in VIDEO_ASPECT_RATIOS:
        raise BadRequest(f"aspectRatio must be one of {VIDEO_ASPECT_RATIOS}, got {aspect!r}")
    duration = params.get("durationSeconds", 8)
    if not isinstance(duration, int) or not 4 <= duration <= 8:
        raise BadRequest(f"durationSeconds must be an integer between 4 and 8, got {duration!r}")
    count = params.get("sampleCount", 1)
    if not isinstance(count, int) or not 1 <= count <= 4:
        raise BadRequest(f"sampleCount must be between 1 and 4, got {count!r}")
    op_id = uuid.uuid4().hex[:16]
    return VideoOperation(f"models/{model}/operations/{op_id}", model, aspect, duration, count,
                          fault.name if fault else None)


def operation_payload(op: VideoOperation, polls_until_done: int, local_base: str | None = None) -> dict[str, Any]:
    """Advance `op` by one poll and return the Operation JSON the SDK parses; with `local_base`
    the video URIs point at this server (as a proxy or another implementation might)."""
    op.polls += 1
    if op.fault == "never_done" or op.polls < max(1, polls_until_done):
        return {"name": op.name, "done": False}
    if op.fault == "operation_error":
        return {"name": op.name, "done": True,
                "error": {"code": 13, "message": "Video generation failed due to an internal error."}}
    if op.fault == "no_videos":
        samples: list[dict[str, Any]] = []
        extra = {"raiMediaFilteredCount": 1,
                 "raiMediaFilteredReasons": ["The video could not be generated because of safety filters."]}
    else:
        if not op.file_ids:
            op.file_ids = [uuid.uuid4().hex[:16] for _ in range(op.count)]
        template = f"{local_base}/v1beta/files/{{file_id}}:download?alt=media" if local_base else VIDEO_URI
        samples = [{"video": {"uri": template.format(file_id=fid)}} for fid in op.file_ids]
        extra = {}
    response = {"@type": OPERATION_RESPONSE_TYPE, "generateVideoResponse": {"generatedSamples": samples, **extra}}
    return {"name": op.name, "done": True, "response": response}
