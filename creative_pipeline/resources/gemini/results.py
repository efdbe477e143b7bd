"""The result of one generation: the value and where it came from."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

from creative_pipeline.domain.provenance import Provenance

T = TypeVar("T")


class Generated(BaseModel, Generic[T]):
    value: T
    provider: str
    model: str
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0
    attempts: int = 1
    model_version: str | None = None  # the `modelVersion` the service says it served
    temperature_applied: bool | None = None  # False: the model ignores temperature (Gemini 3.5+)
    thinking_level: str | None = None
    fallback_reason: str | None = None  # why `model` is not the configured one (a fallback answered)

    @property
    def provenance(self) -> Provenance:
        return Provenance(model=self.model, fallback_reason=self.fallback_reason)


class MediaResult(BaseModel):
    """Bytes of one image or video, or the reason there are none."""

    data: bytes | None = None
    content_type: str
    provider: str
    model: str
    error: str | None = None
    attempts: int = 1
    cost_usd: float = 0.0
    model_version: str | None = None
    render_id: str | None = None  # the provider's interaction id / operation name (videos)
    fallback_reason: str | None = None  # why `model` is not the configured one (a fallback answered)
