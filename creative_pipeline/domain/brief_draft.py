"""What the model writes for a winner; tags and name are added by us, not invented by it."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, create_model

from creative_pipeline.domain.brief import ImageBrief, VideoBrief
from creative_pipeline.domain.lenient import first, items


class BriefDraft(BaseModel):
    image: ImageBrief
    video: VideoBrief


class BriefPackItem(BriefDraft):
    """One winner's brief inside a packed reply: `ref` says which winner it is for."""

    ref: str = Field(description="The script's reference exactly as given, e.g. 'W1'.")


def brief_pack_model(count: int) -> type[BaseModel]:
    """A response schema asking for exactly `count` briefs (one per winner, in order); a short
    reply is accepted and its missing winners are asked for again (fan_out.complete_set)."""
    return create_model(
        f"BriefPack{count}",
        briefs=(Annotated[list[BriefPackItem], first(count)], Field(**items(count))),
    )
