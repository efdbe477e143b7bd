"""Reading a google-genai reply: what it carries, what it cost, and why it is unusable.

The SDK never raises for bad output (STACK_NOTES): a safety block, an empty candidate list or
a truncated reply all come back as a normal response object. These helpers turn each shape
into either the payload or a reason a person can read, for the text and the image clients.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

BLOCKED_FINISH = {"SAFETY", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "RECITATION", "IMAGE_SAFETY", "OTHER"}
NO_IMAGE_FINISH = {"NO_IMAGE", "IMAGE_SAFETY", "SAFETY", "IMAGE_PROHIBITED_CONTENT", "PROHIBITED_CONTENT"}


def enum_name(value: Any) -> str:
    """An SDK enum (or the raw string an unknown value arrives as) as its wire name; "" for None."""
    return str(getattr(value, "value", value) or "")


def token_counts(response: Any) -> tuple[int, int]:
    """(input, output) tokens as billed: thinking tokens are billed as output, so they count."""
    usage = getattr(response, "usage_metadata", None)
    if usage is None:
        return 0, 0
    out = (usage.candidates_token_count or 0) + (usage.thoughts_token_count or 0)
    return usage.prompt_token_count or 0, out


def _blocked_prompt(response: Any) -> str | None:
    feedback = getattr(response, "prompt_feedback", None)
    if feedback is not None and getattr(feedback, "block_reason", None):
        return f"prompt blocked: {enum_name(feedback.block_reason)}"
    return None


def reply_problem(response: Any) -> tuple[str | None, str | None]:
    """(problem, finish_reason) for a text reply; problem is None when the text is usable."""
    blocked = _blocked_prompt(response)
    if blocked:
        return blocked, "BLOCKED"
    candidates = getattr(response, "candidates", None) or []
    if not candidates:
        return "empty reply: no candidates", "EMPTY"
    finish = enum_name(candidates[0].finish_reason)
    if finish == "MAX_TOKENS":
        return "reply truncated at MAX_TOKENS", finish
    if finish in BLOCKED_FINISH:
        return f"reply blocked: finishReason {finish}", finish
    if not response.text:
        return f"empty reply (finishReason {finish})", finish
    return None, finish


def image_bytes(response: Any) -> tuple[bytes | None, str]:
    """The first inline image of a reply, or (None, why there is none)."""
    blocked = _blocked_prompt(response)
    if blocked:
        return None, blocked
    candidates = getattr(response, "candidates", None) or []
    if not candidates:
        return None, "empty reply: no candidates"
    candidate = candidates[0]
    for part in (candidate.content.parts if candidate.content and candidate.content.parts else []):
        if part.inline_data is not None and part.inline_data.data:
            return part.inline_data.data, ""
    finish = enum_name(candidate.finish_reason)
    if finish in NO_IMAGE_FINISH:
        return None, f"no image: finishReason {finish}"
    return None, f"text-only reply, no image (finishReason {finish or 'unknown'})"


def image_mime(data: bytes) -> str:
    """The MIME type of image bytes by their magic number, so an edit request labels its input
    truthfully whatever format the previous generation came back in (PNG when unknown)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "image/png"


def json_payload(text: str) -> str:
    """The JSON document in a reply. With a JSON mime type Gemini sends bare JSON, but other
    servers (and models asked without a schema) wrap it in ``` fences or a sentence."""
    stripped = text.strip()
    if stripped.startswith(("{", "[")):
        return stripped
    fenced = re.search(r"```(?:json)?\s*(.*?)```", stripped, re.DOTALL)
    if fenced:
        return fenced.group(1).strip()
    start = min((i for i in (stripped.find("{"), stripped.find("[")) if i >= 0), default=-1)
    return stripped[start:] if start >= 0 else stripped


def validation_summary(exc: ValidationError) -> str:
    """The first few validation errors in one line: short enough to send back in a re-prompt."""
    parts = [f"{'.'.join(str(p) for p in e['loc']) or 'document'}: {e['msg']}" for e in exc.errors()[:4]]
    return "; ".join(parts)
