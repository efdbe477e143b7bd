"""What a reviewer sees: each winner with its score, persona, review state, image links and video.

A service (not CLI code) so the CLI's listing, its `--json` and a review studio read the same typed
rows. Images whose brief was revised after they were rendered are marked stale, so nobody approves
a video on the strength of a picture of the previous brief.
"""

from __future__ import annotations

from pydantic import BaseModel

from creative_pipeline.domain.approval import approval_state
from creative_pipeline.domain.company import Company
from creative_pipeline.resources.policies.media import MediaPolicy
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.media_objects import link
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.compliance import load_compliance
from creative_pipeline.resources.supabase.repositories.media import load_media
from creative_pipeline.resources.supabase.repositories.reviews import latest_reviews
from creative_pipeline.resources.supabase.storage import ObjectStorage


class MediaLink(BaseModel):
    status: str
    error: str | None
    path: str | None
    url: str  # "" when there is nothing to open (failed, or missing from storage)
    variant_name: str | None = None  # the creative name this variant runs under (`<winner>_V<n>`)


class VideoLink(MediaLink):
    matches: bool | None = None  # probed: delivered in the asked aspect ratio and duration (None: not probed)
    mismatches: list[str] = []  # why it is not ready for its placement


class ImageLink(MediaLink):
    variant: int
    stale: bool  # rendered from an earlier version of the brief


class ReviewRow(BaseModel):
    """One winner as the reviewer sees it; `model_dump()` is the `review --json` document."""

    rank: int
    creative_name: str
    final_score: float | None
    persona: str
    headline: str
    brief_version: int
    review: str | None
    approval: str
    revision_pending: bool = False  # a YELLOW/RED whose creative_revisions run has not applied it yet
    feedback: str | None
    reviewed_by: str | None
    video_eligible: bool
    compliance: str | None
    brief_compliance: str | None
    images: list[ImageLink]
    video: VideoLink | None


def review_rows(db: Database, storage: ObjectStorage, company: Company, policy: MediaPolicy, ttl_s: int) -> list[ReviewRow]:
    with db.transaction() as conn:
        briefs = load_briefs(conn, company.id)
        reviews = latest_reviews(conn, company.id)
        media = load_media(conn, company.id, ("image", "video"))
        verdicts = load_compliance(conn, company.id)
    rows = []
    for b in briefs:
        name = b.creative_name
        review = reviews.get(name)
        images = [
            ImageLink(variant=m.variant, status=m.status, error=m.error, path=m.storage_path,
                      url=link(storage, m.storage_path, ttl_s) if m.ok else "", stale=m.brief_sha != b.image_sha,
                      variant_name=m.data.get("variant_name"))
            for m in media if m.kind == "image" and m.creative_name == name
        ]
        video = next((m for m in media if m.kind == "video" and m.creative_name == name), None)
        rows.append(ReviewRow(
            rank=b.rank, creative_name=name, final_score=b.final_score, persona=b.persona_name,
            headline=b.image.headline, brief_version=b.version,
            review=review.status if review else None, approval=approval_state(review, b),
            revision_pending=bool(review and review.status != "GREEN" and review.processed_at is None),
            feedback=review.feedback if review else None, reviewed_by=review.reviewer_label if review else None,
            video_eligible=b.rank <= policy.video_top_n,
            compliance=verdicts[b.script_id].verdict if b.script_id in verdicts else None,
            brief_compliance=(b.compliance or {}).get("verdict"),
            images=images,
            video=None if video is None else VideoLink(
                status=video.status, error=video.error, path=video.storage_path,
                url=link(storage, video.storage_path, ttl_s) if video.ok else "",
                variant_name=video.data.get("variant_name"), matches=video.data.get("matches"),
                mismatches=video.data.get("mismatches") or []),
        ))
    return rows
