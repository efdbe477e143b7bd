"""SQL for `creative_reviews`: the human approval gate in front of video spend.

A creative's state is its *latest* review: GREEN (approved for video), YELLOW (feedback, brief
revised) or RED (rejected, brief re-rolled). A later YELLOW/RED withdraws an earlier GREEN, and
a GREEN counts only for the brief it pinned (`domain/approval.py`). Reviews are never deleted:
not by regeneration (script_id is set null) and not with their company (companies are archived).
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import psycopg
from pydantic import BaseModel

from creative_pipeline.domain.approval import approval_state
from creative_pipeline.domain.brief import StoredBrief
from creative_pipeline.domain.review import Review, ReviewStatus

__all__ = ["Review", "ReviewStatus", "WaitingApproval", "approved_names", "green_reviews_after", "insert_review",
           "latest_reviews", "mark_processed", "mark_reviews_processed", "PendingRevision", "pending_revisions",
           "waiting_approvals"]


class WaitingApproval(BaseModel):
    """A GREEN review with its company's slug: one item of the video sensor's work list."""

    id: UUID
    created_at: datetime
    company_id: UUID
    creative_name: str
    slug: str


def insert_review(
    conn: psycopg.Connection, company_id: UUID, script_id: str, creative_name: str, status: ReviewStatus,
    feedback: str | None, reviewer_label: str, brief_version: int, processed: bool = False,
    brief_hash: str | None = None,
) -> Review:
    """Insert one review. `clock_timestamp()` (not the transaction's start time) so reviews of
    one batch keep their order and the sensor's (created_at, id) cursor sees them in order."""
    return Review.model_validate(conn.execute(
        "insert into creative_reviews (company_id, script_id, creative_name, status, feedback, reviewer_label, "
        "brief_version, brief_hash, processed_at, created_at) values (%s,%s,%s,%s,%s,%s,%s,%s, "
        "case when %s then clock_timestamp() end, clock_timestamp()) returning *",
        (company_id, script_id if script_id not in (None, "None") else None, creative_name, status, feedback,
         reviewer_label, brief_version, brief_hash, processed),
    ).fetchone())


def latest_reviews(conn: psycopg.Connection, company_id: UUID) -> dict[str, Review]:
    """creative name -> its most recent review."""
    rows = conn.execute(
        "select distinct on (creative_name) * from creative_reviews where company_id = %s "
        "order by creative_name, created_at desc, id desc",
        (company_id,),
    ).fetchall()
    return {r["creative_name"]: Review.model_validate(r) for r in rows}


def approved_names(conn: psycopg.Connection, company_id: UUID, briefs: list[StoredBrief] | None = None) -> set[str]:
    """Creatives whose latest review is GREEN — and, given the current briefs, GREEN for exactly
    that brief (a stale approval does not count)."""
    latest = latest_reviews(conn, company_id)
    if briefs is None:
        return {name for name, r in latest.items() if r.status == "GREEN"}
    return {b.creative_name for b in briefs if approval_state(latest.get(b.creative_name), b) == "approved"}


def waiting_approvals(conn: psycopg.Connection, limit: int) -> list[WaitingApproval]:
    """GREEN reviews no `ad_videos` run has considered yet (processed_at null), oldest first,
    with the company's slug: the video sensor's work list (state, not a cursor: nothing skipped)."""
    rows = conn.execute(
        "select r.id, r.created_at, r.company_id, r.creative_name, c.slug from creative_reviews r "
        "join companies c on c.id = r.company_id where r.status = 'GREEN' and r.processed_at is null "
        "and c.archived_at is null order by r.created_at, r.id limit %s",
        (limit,),
    ).fetchall()
    return [WaitingApproval.model_validate(r) for r in rows]


def green_reviews_after(
    conn: psycopg.Connection, after: datetime | None, after_id: str | None, limit: int
) -> list[WaitingApproval]:
    """GREEN reviews strictly after the cursor (created_at, id), oldest first, with the slug."""
    if after is None:
        where, params = "", ()
    else:
        where, params = "and (r.created_at, r.id) > (%s, %s)", (after, after_id or "00000000-0000-0000-0000-000000000000")
    rows = conn.execute(
        "select r.id, r.created_at, r.company_id, r.creative_name, c.slug from creative_reviews r "
        f"join companies c on c.id = r.company_id where r.status = 'GREEN' {where} "
        "order by r.created_at, r.id limit %s",
        (*params, limit),
    ).fetchall()
    return [WaitingApproval.model_validate(r) for r in rows]


def mark_processed(conn: psycopg.Connection, company_id: UUID, statuses: tuple[ReviewStatus, ...] = ("GREEN",)) -> int:
    """Stamp the company's unprocessed reviews of `statuses` as handled (ad_videos considered them)."""
    return conn.execute(
        "update creative_reviews set processed_at = now() where company_id = %s and processed_at is null "
        "and status = any(%s)",
        (company_id, list(statuses)),
    ).rowcount


class PendingRevision(BaseModel):
    """A YELLOW/RED review whose brief regeneration has not run yet (the studio stores it and returns;
    `brief_revisions_sensor` launches `creative_revisions`, which stamps it)."""

    id: UUID
    created_at: datetime
    company_id: UUID
    creative_name: str
    status: ReviewStatus
    feedback: str | None
    slug: str


def pending_revisions(conn: psycopg.Connection, limit: int, company_id: UUID | None = None) -> list[PendingRevision]:
    """YELLOW/RED reviews not yet applied to their brief (processed_at null), oldest first: the work
    list of the revision sensor (every company) and of the `brief_revisions` asset (one company)."""
    rows = conn.execute(
        "select r.id, r.created_at, r.company_id, r.creative_name, r.status, r.feedback, c.slug "
        "from creative_reviews r join companies c on c.id = r.company_id "
        "where r.status in ('YELLOW', 'RED') and r.processed_at is null and c.archived_at is null "
        "and (%s::uuid is null or r.company_id = %s::uuid) order by r.created_at, r.id limit %s",
        (company_id, company_id, limit),
    ).fetchall()
    return [PendingRevision.model_validate(r) for r in rows]


def mark_reviews_processed(conn: psycopg.Connection, ids: list[UUID]) -> int:
    """Stamp exactly these reviews as applied (a review stored while the run worked stays pending)."""
    return conn.execute(
        "update creative_reviews set processed_at = now() where id = any(%s) and processed_at is null", (ids,),
    ).rowcount
