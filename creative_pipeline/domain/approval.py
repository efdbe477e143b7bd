"""An approval is pinned to the brief it approved: its version and a hash of its content.

Why: briefs are rewritten by reviews (YELLOW/RED) and by regeneration, while the creative name
(what an approval is filed under) stays the same. A GREEN given to one brief must not render a
video of a different one: that approval reads "approval stale" until someone approves again.
"""

from __future__ import annotations

from typing import Literal

from creative_pipeline.domain.brief import StoredBrief, brief_sha
from creative_pipeline.domain.review import Review

ApprovalState = Literal["approved", "stale", "withdrawn", "not reviewed"]


def brief_hash(brief: StoredBrief) -> str:
    """A stable fingerprint of what a reviewer saw: the image and the video brief, as stored."""
    return brief_sha({"image": brief.image_body, "video": brief.video_body})


def withdrawn(latest_review: Review | None) -> bool:
    """The latest review is YELLOW or RED: a person took any approval back (no review: nothing withdrawn)."""
    return latest_review is not None and latest_review.status != "GREEN"


def approval_state(latest_review: Review | None, brief: StoredBrief) -> ApprovalState:
    """The state of a creative given its latest review and its current brief.

    A review from before hashes were recorded (`brief_hash` null) is matched on the version."""
    if latest_review is None:
        return "not reviewed"
    if withdrawn(latest_review):
        return "withdrawn"
    if latest_review.brief_hash is not None:
        return "approved" if latest_review.brief_hash == brief_hash(brief) else "stale"
    return "approved" if latest_review.brief_version in (None, brief.version) else "stale"
