"""Typed rows of the performance loop, as the repositories hand them out.

Named for what they hold, so assets, the CLI and the demo read attributes, never string keys.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel

#: the days an insights partition covers (ending on its day): the asset's config default, the
#: CLI's --days and the daily schedule's description all read this one number
INSIGHTS_PERIOD_DAYS = 28


class PerformanceImportRow(BaseModel):
    """One `performance_imports` row: an uploaded export waiting for, or done with, its import."""

    id: UUID
    platform: str
    file_name: str
    storage_path: str | None = None
    status: str
    created_at: datetime


class EffectivenessEvidence(BaseModel):
    """What one effectiveness insight says about one persona / ABCD value (the prior's input).

    `company_id` None = measured across every company (the portfolio)."""

    dimension: str
    key: str
    ctr_lift: float
    confidence: float
    company_id: UUID | None = None
    impressions: float = 0.0  # the delivery behind it (stored with the score as its evidence)
    n_creatives: int = 0


class StoredInsight(BaseModel):
    """One stored insight; `company_id` None = across every company (the portfolio)."""

    type: str
    dimension: str | None
    key: str
    value: float
    confidence: float
    period_start: date
    period_end: date
    company_id: UUID | None = None


class TopPerformer(BaseModel):
    dimension: str | None
    key: str
    value: float
    confidence: float
