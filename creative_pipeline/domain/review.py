"""A person's review of a creative: the approval gate in front of video spend.

GREEN approves the brief the reviewer saw (pinned by `brief_hash`, or `brief_version` for reviews
from before hashes were recorded); YELLOW asks for a revision; RED rejects. `script_id` is None
once the script it reviewed was regenerated: the review outlives it, filed under the creative name.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel

ReviewStatus = Literal["GREEN", "YELLOW", "RED"]


class Review(BaseModel):
    """One stored review (`creative_reviews`)."""

    id: UUID
    company_id: UUID
    script_id: UUID | None = None
    creative_name: str
    status: ReviewStatus
    feedback: str | None = None
    reviewer: UUID | None = None
    reviewer_label: str | None = None
    brief_version: int | None = None
    brief_hash: str | None = None
    processed_at: datetime | None = None
    created_at: datetime
