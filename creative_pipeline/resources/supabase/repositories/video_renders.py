"""SQL for `video_renders`: the provider's render ids, stored the moment a render is accepted.

Implements the `RenderStore` the video renderer needs, bound to one company. Each write is its
own short transaction, committed at once: the point is that the row survives a `kill -9` a
second later. The acceptance books the render in `api_usage` in the same transaction, because
the provider bills an accepted render whatever happens to this process afterwards.
"""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from pydantic import BaseModel

from creative_pipeline.resources.gemini.spend.ledger import CallUsage
from creative_pipeline.resources.gemini.video.render_store import RenderKey, StoredRender
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.usage import write_usage


class VideoRenderRow(BaseModel):
    """One stored render, every column: what `all()` lists for audits and tests."""

    id: UUID
    company_id: UUID
    creative_name: str
    brief_sha: str
    backend: str
    model: str
    provider_render_id: str
    status: str
    error: str | None = None
    seconds: float
    resolution: str | None = None
    cost_usd: float
    model_version: str | None = None
    submitted_at: dt.datetime
    updated_at: dt.datetime


class VideoRenderRepository:
    def __init__(self, db: Database, company_id: UUID) -> None:
        self.db, self.company_id = db, company_id

    def find(self, key: RenderKey) -> StoredRender | None:
        """The newest render of this exact brief, backend and model."""
        with self.db.transaction() as conn:
            row = conn.execute(
                "select provider_render_id, status, submitted_at, cost_usd::float as cost_usd, error from video_renders "
                "where company_id = %s and creative_name = %s and brief_sha = %s and backend = %s and model = %s "
                "order by submitted_at desc limit 1",
                (self.company_id, key.creative_name, key.brief_sha, key.backend, key.model),
            ).fetchone()
        return StoredRender.model_validate(row) if row else None

    def accepted(self, key: RenderKey, render_id: str, seconds: float, resolution: str, cost_usd: float,
                 step: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "insert into video_renders (company_id, creative_name, brief_sha, backend, model, provider_render_id, "
                "status, seconds, resolution, cost_usd) values (%s,%s,%s,%s,%s,%s,'submitted',%s,%s,%s) "
                "on conflict (backend, provider_render_id) do nothing",
                (self.company_id, key.creative_name, key.brief_sha, key.backend, key.model, render_id, seconds,
                 resolution, cost_usd),
            )
            write_usage(conn, self.company_id, [CallUsage(
                step=step, provider="gemini", model=key.model, kind="video", cost_usd=cost_usd,
                error=f"render accepted: {render_id} ({seconds:g} s {resolution}); booked at acceptance",
            )])

    def finished(self, key: RenderKey, render_id: str, status: str, error: str | None = None,
                 model_version: str | None = None) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "update video_renders set status = %s, error = %s, model_version = coalesce(%s, model_version), "
                "updated_at = now() where backend = %s and provider_render_id = %s",
                (status, error, model_version, key.backend, render_id),
            )

    def all(self) -> list[VideoRenderRow]:
        with self.db.transaction() as conn:
            rows = conn.execute("select * from video_renders where company_id = %s order by submitted_at",
                                (self.company_id,)).fetchall()
        return [VideoRenderRow.model_validate(r) for r in rows]
