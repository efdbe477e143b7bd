"""An approval is pinned to the brief it approved: its version and a hash of its content.

Why: briefs are rewritten by reviews (YELLOW/RED) and by regeneration, while the creative name
(what an approval is filed under) stays the same. A GREEN given to one brief must not render a
video of a different one: that approval reads "approval stale" until someone approves again.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

ApprovalState = Literal["approved", "stale", "withdrawn", "not reviewed"]


def brief_hash(brief: dict[str, Any]) -> str:
    """A stable fingerprint of what a reviewer saw: the image and the video brief."""
    content = {"image": brief.get("image"), "video": brief.get("video")}
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def brief_version(brief: dict[str, Any]) -> int:
    return len(brief.get("history") or []) + 1


def approval_state(latest_review: dict[str, Any] | None, brief: dict[str, Any]) -> ApprovalState:
    """The state of a creative given its latest review and its current brief.

    A review from before hashes were recorded (`brief_hash` null) is matched on the version."""
    if latest_review is None:
        return "not reviewed"
    if latest_review["status"] != "GREEN":
        return "withdrawn"
    pinned = latest_review.get("brief_hash")
    if pinned is not None:
        return "approved" if pinned == brief_hash(brief) else "stale"
    return "approved" if latest_review.get("brief_version") in (None, brief_version(brief)) else "stale"
