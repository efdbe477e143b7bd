"""What a durable video render is keyed and stored by, and the store the renderer writes to.

Plain data and a Protocol, apart from the renderer (video/render.py), so the generator interface
(content.py) and the database repository can name them without importing the live clients.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from pydantic import BaseModel


class StoredRender(BaseModel):
    provider_render_id: str
    status: str
    submitted_at: dt.datetime
    cost_usd: float = 0.0
    error: str | None = None


class RenderKey(BaseModel):
    creative_name: str
    brief_sha: str
    backend: str
    model: str


class RenderStore(Protocol):
    """Where accepted renders are kept (Postgres `video_renders`, bound to one company)."""

    def find(self, key: RenderKey) -> StoredRender | None: ...

    def accepted(self, key: RenderKey, render_id: str, seconds: float, resolution: str, cost_usd: float,
                 step: str) -> None: ...

    def finished(self, key: RenderKey, render_id: str, status: str, error: str | None = None,
                 model_version: str | None = None) -> None: ...
