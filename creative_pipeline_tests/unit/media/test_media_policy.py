"""The approval gate's rule and the review command's flags, without a database."""

import argparse

import pytest
from pydantic import ValidationError

from creative_pipeline.domain.brief import StoredBrief
from creative_pipeline.resources.supabase.media_objects import owned_by_images, owned_by_videos
from creative_pipeline.cli.review import actions_from_flags
from creative_pipeline.resources.policies.media import MediaPolicy

ABCD = {"scene_setting": "HOME", "scene_subject": "SOLO", "action": "DEMO", "driver": "FOMO", "format": "UGC"}
BRIEFS = [StoredBrief(rank=r, creative_name=f"N{r}", abcd=ABCD) for r in (3, 1, 2, 4, 5)]


def test_gate_on_keeps_only_approved_winners_among_the_top_n() -> None:
    policy = MediaPolicy(video_top_n=3, approval_gate=True)
    assert [b.rank for b in policy.video_candidates(BRIEFS, {"N1", "N3", "N5"})] == [1, 3]
    assert policy.video_candidates(BRIEFS, set()) == []


def test_gate_off_takes_the_top_n_by_rank() -> None:
    policy = MediaPolicy(video_top_n=2, approval_gate=False)
    assert [b.rank for b in policy.video_candidates(BRIEFS, set())] == [1, 2]


def test_each_stage_sweeps_only_its_own_objects() -> None:
    assert owned_by_images("acme/N1/image_v2.png") and owned_by_images("acme/N1/thumb_v1.jpg")
    assert owned_by_images("acme/contact_sheet.png") and not owned_by_images("acme/N1/video.mp4")
    assert owned_by_videos("acme/N1/video.mp4") and not owned_by_videos("acme/N1/image_v1.png")


def flags(**kw: object) -> argparse.Namespace:
    return argparse.Namespace(**{"approve": None, "feedback": None, "reject": None, **kw})


def test_flags_become_actions() -> None:
    actions = actions_from_flags(flags(approve=[1, 2], feedback=[["3", "warmer"]], reject=[4]))
    assert [(a.rank, a.status, a.feedback) for a in actions] == [
        (1, "GREEN", None), (2, "GREEN", None), (3, "YELLOW", "warmer"), (4, "RED", None)]


@pytest.mark.parametrize("bad", [flags(feedback=[["2", "  "]]), flags(approve=[0]), flags(feedback=[["2", "x" * 2001]])])
def test_bad_flags_are_refused(bad: argparse.Namespace) -> None:
    with pytest.raises(ValidationError):
        actions_from_flags(bad)
