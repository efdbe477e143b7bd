"""Media rows as the pipeline reasons about them: what one stored object is (a clean plate, a
composed ad for a placement, a thumbnail, a video, the contact sheet), what made it, and the notes
every media rule reads. Pure models: the repository stores them, `media/rules.py` decides with them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field

# image: the clean plate the model drew (no text); ad: that plate reframed for one placement with the
# headline and CTA laid over; thumbnail: of the plate; video; contact_sheet: the winners' primaries.
MediaKind = Literal["image", "ad", "thumbnail", "video", "contact_sheet"]
IMAGE_KINDS: tuple[MediaKind, ...] = ("image", "ad", "thumbnail", "contact_sheet")
VIDEO_KINDS: tuple[MediaKind, ...] = ("video",)


class MediaRecord(BaseModel):
    """One media row; `path` is relative to `bucket` (e.g. `acme/<creative>/image_v1.png`)."""

    kind: MediaKind
    script_id: str | None = None
    creative_name: str | None = None
    variant: int = Field(default=1, ge=1)
    placement: str = ""  # an `ad`'s aspect ratio (9:16, 4:5, 1:1); '' for every other kind
    status: Literal["ok", "failed"] = "ok"
    error: str | None = None
    bucket: str | None = None
    path: str | None = None
    content_type: str | None = None
    size: int | None = None
    provider: str
    model: str  # the model that actually produced it
    data: dict[str, Any] = Field(default_factory=dict)
    fallback_reason: str | None = None  # why `model` is a fallback model (None: the configured one)


class StoredMedia(BaseModel):
    """A media row as stored (`load_media`): where the object is, what made it, and `data`, the
    stage's free-form notes. The notes every stage reads (`brief_sha`, `rank`, `approved`) are
    properties, so callers name them; the rest (sha256, width, persona, ...) stay in `data`."""

    id: UUID
    script_id: UUID | None = None
    kind: MediaKind
    creative_name: str | None = None
    variant: int = 1
    placement: str = ""
    status: Literal["ok", "failed"] = "ok"
    error: str | None = None
    storage_bucket: str | None = None
    storage_path: str | None = None
    content_type: str | None = None
    bytes: int | None = None
    data: dict[str, Any] = Field(default_factory=dict)
    provider: str
    model: str
    fallback_reason: str | None = None  # why `model` is a fallback model (None: the configured one)
    created_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def brief_sha(self) -> str | None:
        """The hash of the brief this object was rendered from (a changed brief makes it stale)."""
        return self.data.get("brief_sha")

    @property
    def rank(self) -> int | None:
        """The winner rank the creative had when it was rendered."""
        return self.data.get("rank")

    @property
    def approved(self) -> bool:
        """A video: rendered (or kept) under a person's approval."""
        return bool(self.data.get("approved"))

    def as_record(self, **data: Any) -> MediaRecord:
        """The row to write back unchanged (a kept object), its `data` updated with `data`."""
        return MediaRecord(
            kind=self.kind, script_id=str(self.script_id) if self.script_id else None, creative_name=self.creative_name,
            variant=self.variant, placement=self.placement, status=self.status, error=self.error, bucket=self.storage_bucket,
            path=self.storage_path, content_type=self.content_type, size=self.bytes, provider=self.provider,
            model=self.model, fallback_reason=self.fallback_reason, data={**self.data, **data},
        )
