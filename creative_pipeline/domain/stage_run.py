"""A stage's state as people follow it: the latest attempt of each company stage (`stage_runs`).

Written by the step itself at its start and end, so the studio (and a Supabase Realtime
subscriber) sees a run progress without asking Dagster."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel

StageStatus = Literal["running", "succeeded", "failed"]

# The company chain in order: a stage with no row yet is shown as "not run".
COMPANY_STAGES = ("company_context", "personas", "ad_scripts", "script_scores", "script_compliance",
                  "winners", "creative_briefs", "ad_images", "ad_videos")


class StageRun(BaseModel):
    """One attempt of one stage for one company."""

    id: UUID
    company_id: UUID
    stage: str
    status: StageStatus
    run_id: str
    started_at: datetime
    finished_at: datetime | None = None
    error: str | None = None
    spend_usd: float = 0.0
