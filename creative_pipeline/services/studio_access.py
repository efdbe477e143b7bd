"""Who is asking, and the database as they may see it.

The studio's one rule: what a person may see and act on is decided by reading as that person
(role `authenticated` with their claims, so row-level security decides). Without sign-in (the
local default: one person on their own machine, loopback only) the viewer is the local operator
and reads as the pipeline does. Writes a user may not make directly (a brief, the ledger, a
company row with a free slug) are made here with the service connection, after that read."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel

from creative_pipeline.domain.company import Company
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.companies import UnknownCompany, get_company
from creative_pipeline.resources.supabase.scoped import UserDatabase

__all__ = ["UnknownCompany", "Viewer", "reader", "visible_company"]


class Viewer(BaseModel):
    """The person behind a request: a Supabase Auth user, or the local operator (no sign-in)."""

    user_id: UUID | None = None
    email: str | None = None

    @property
    def label(self) -> str:
        """Who reviewed, in words (`creative_reviews.reviewer_label`)."""
        if self.user_id is None:
            return "studio:local"
        return f"studio:{self.email or self.user_id}"


def reader(db: Database, viewer: Viewer) -> Database | UserDatabase:
    """The database as `viewer` may read it."""
    return db if viewer.user_id is None else UserDatabase(db, viewer.user_id, {"email": viewer.email})


def visible_company(db: Database, viewer: Viewer, key: str) -> Company:
    """The company of partition key (or id) `key` if the viewer may see it; UnknownCompany otherwise,
    with the same message either way (nobody learns which companies exist)."""
    with reader(db, viewer).transaction() as conn:
        return get_company(conn, key)
