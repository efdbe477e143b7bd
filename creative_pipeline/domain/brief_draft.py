"""What the model writes for a winner; tags and name are added by us, not invented by it."""

from __future__ import annotations

from pydantic import BaseModel

from creative_pipeline.domain.brief import ImageBrief, VideoBrief


class BriefDraft(BaseModel):
    image: ImageBrief
    video: VideoBrief
