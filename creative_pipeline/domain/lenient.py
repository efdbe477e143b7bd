"""Field types that advertise strict limits to the model but accept near-misses.

The schema sent to Gemini says what we want (5 items, 90 characters). Not every server that
speaks the protocol enforces it (google-genai 2.x even sends the limits in snake_case, which
other implementations may ignore), so on the way in we clip over-long text and over-long lists
instead of throwing the whole reply away; too-few items are accepted and surface in the asset
checks. Anything that is not the right *shape* still fails validation and is re-prompted.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field


def _clip_text(limit: int, value: Any) -> Any:
    if not isinstance(value, str) or len(value) <= limit:
        return value
    cut = value[: limit - 1].rsplit(" ", 1)[0] or value[: limit - 1]
    return cut + "…"


def text(max_length: int, min_length: int = 1, description: str | None = None) -> Any:
    """A string the model should keep under `max_length`; longer replies are clipped."""
    return Annotated[
        str,
        BeforeValidator(lambda v: _clip_text(max_length, v)),
        Field(min_length=min_length, max_length=max_length, description=description),
    ]


def items(wanted: int, *, at_least: int = 1, description: str | None = None) -> dict[str, Any]:
    """Field kwargs for a list: the schema asks for exactly `wanted` (at most when at_least
    differs); validation accepts `at_least`..`wanted`; extras are dropped by `first(...)`."""
    return {
        "min_length": at_least,
        "max_length": wanted,
        "json_schema_extra": {"minItems": wanted},
        "description": description,
    }


def first(limit: int) -> BeforeValidator:
    """Keep the first `limit` items of a list that came back too long."""
    return BeforeValidator(lambda v: v[:limit] if isinstance(v, list) else v)
