"""Render now: the images of revised briefs and the videos of approved winners, without waiting for
`video_approvals_sensor` (the CLI's `review --render`, the studio's render button, the demo).

Images re-render as `company_pipeline` restricted to `ad_images` (with the revised ranks in its
config), videos as `company_videos`: the same defined jobs the UI and the sensor launch.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from creative_pipeline.domain.company import Company
from creative_pipeline.resources.policies.media import MediaPolicy
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.media import load_media
from creative_pipeline.resources.supabase.repositories.reviews import approved_names
from creative_pipeline.services.runs import COMPANY_JOB, VIDEOS_JOB, JobRun, Launcher, launch
from creative_pipeline.services.runtime import database
from creative_pipeline.services.runtime import resources as default_resources


class RenderReport(BaseModel):
    """What `render_approved` did: the creatives it was asked to render and the runs it made."""

    company: str
    revised_ranks: list[int]
    waiting_videos: list[str]
    runs: list[JobRun]

    @property
    def success(self) -> bool:
        return all(r.success for r in self.runs)


def waiting_for_video(db: Database, company: Company, policy: MediaPolicy) -> list[str]:
    """Approved creatives (approved for their current brief, within the top N) without a good
    video yet: what a render renders even when nobody decided anything new."""
    with db.transaction() as conn:
        briefs = load_briefs(conn, company.id)
        approved = approved_names(conn, company.id, briefs)
        videos = {r.creative_name for r in load_media(conn, company.id, ("video",)) if r.ok}
    return [b.creative_name for b in policy.video_candidates(briefs, approved) if b.creative_name not in videos]


def render_approved(
    company: Company, *, revised_ranks: list[int] | None = None, videos: bool = True, launched_by: Launcher,
    resources: dict[str, Any] | None = None, instance=None, db: Database | None = None, verbose: bool = False,
) -> RenderReport:
    """Re-render the images of `revised_ranks` (one `company_pipeline` run of `ad_images`), then
    the videos of approvals still waiting (one `company_videos` run) when `videos`; stops at a failed run."""
    injected = resources
    resources = resources or default_resources()
    waiting = waiting_for_video(db or database(), company, resources["media"]) if videos else []
    report = RenderReport(company=company.slug, revised_ranks=list(revised_ranks or []), waiting_videos=waiting, runs=[])
    tags = {"company": company.slug, "trigger": "review"}
    if revised_ranks:
        report.runs.append(launch(
            COMPANY_JOB, launched_by=launched_by, partition_key=company.slug, stages=["ad_images"], tags=tags,
            run_config={"ops": {"ad_images": {"config": {"ranks": list(revised_ranks)}}}},
            instance=instance, resources=injected, verbose=verbose))
    if waiting and report.success:
        report.runs.append(launch(VIDEOS_JOB, launched_by=launched_by, partition_key=company.slug, tags=tags,
                                  instance=instance, resources=injected, verbose=verbose))
    return report
