"""The `media` resource: how many images and videos a company gets, and the approval gate.

Videos cost real money (Veo bills per second), so by default only winners a person approved
(a GREEN review) among the top `video_top_n` are rendered; `approval_gate=False` renders the
top N without asking — for fully automatic runs where the budget was agreed up front.
"""

from __future__ import annotations

from dagster import ConfigurableResource

from creative_pipeline.domain.brief import StoredBrief
from creative_pipeline.settings import setting


class MediaPolicy(ConfigurableResource):
    video_top_n: int = setting("video_top_n")
    approval_gate: bool = setting("video_approval_gate")
    thumbnail_px: int = 320

    def video_candidates(self, briefs: list[StoredBrief], approved: set[str]) -> list[StoredBrief]:
        """The winners that get a video: the top N by rank, and (gate on) only approved ones."""
        top = sorted(briefs, key=lambda b: b.rank)[: self.video_top_n]
        if not self.approval_gate:
            return top
        return [b for b in top if b.creative_name in approved]
