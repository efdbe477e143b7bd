"""The keep, fallback and protect rules of the media stages (media/rules.py), one by one."""

from datetime import datetime, timezone
from uuid import uuid4

from creative_pipeline.domain.brief import StoredBrief
from creative_pipeline.domain.media import MediaRecord, StoredMedia
from creative_pipeline.domain.review import Review
from creative_pipeline.media.rules import (
    keep_previous_on_failure,
    protected_videos,
    reusable_video,
    unchanged_sets,
    video_fallbacks,
)
from creative_pipeline.media.safe_zones import PLACEMENTS

ABCD = {"scene_setting": "HOME", "scene_subject": "SOLO", "action": "DEMO", "driver": "FOMO", "format": "UGC"}
BRIEF = StoredBrief(rank=1, creative_name="N1", abcd=ABCD, image_body={"headline": "h"}, video_body={"concept": "c"})


def row(kind: str, variant: int = 1, placement: str = "", status: str = "ok", name: str = "N1", **data) -> StoredMedia:
    return StoredMedia(id=uuid4(), kind=kind, creative_name=name, variant=variant, placement=placement, status=status,
                       storage_path=f"c/{name}/{kind}_{variant}{placement}", provider="p", model="m", data=data)


def full_set(**plate_data) -> list[StoredMedia]:
    rows = [row("image", v, brief_sha=BRIEF.image_sha, clean_plate=True, **plate_data) for v in (1, 2, 3)]
    return rows + [row("ad", v, p) for v in (1, 2, 3) for p in PLACEMENTS]


def test_a_complete_set_of_plates_and_ads_from_this_brief_is_kept() -> None:
    assert unchanged_sets([BRIEF], full_set(), lambda _: True) == {"N1"}


def test_a_set_is_rebought_when_anything_is_missing_stale_or_drawn_with_text() -> None:
    assert unchanged_sets([BRIEF], full_set(), lambda p: not p.endswith("ad_21:1")) == set()  # an ad object gone
    assert unchanged_sets([BRIEF], full_set()[:-1], lambda _: True) == set()  # an ad row missing
    stale = [r.model_copy(update={"data": {**r.data, "brief_sha": "old"}}) if r.kind == "image" else r for r in full_set()]
    assert unchanged_sets([BRIEF], stale, lambda _: True) == set()
    before_plates = [r.model_copy(update={"data": {"brief_sha": BRIEF.image_sha}}) if r.kind == "image" else r
                     for r in full_set()]  # rendered before clean plates: the model drew the words
    assert unchanged_sets([BRIEF], before_plates, lambda _: True) == set()


def test_a_failed_rerender_keeps_the_previous_plate_thumbnail_and_ads() -> None:
    previous = full_set() + [row("thumbnail", 2)]
    failed = MediaRecord(kind="image", creative_name="N1", variant=2, status="failed", error="IMAGE_SAFETY",
                         provider="p", model="m")
    fresh = MediaRecord(kind="image", creative_name="N1", variant=1, provider="p", model="m")
    out = keep_previous_on_failure([fresh, failed], previous)
    assert out[0] is fresh
    kept = out[1:]
    assert sorted((r.kind, r.placement) for r in kept) == [("ad", p) for p in sorted(PLACEMENTS)] + [("image", ""), ("thumbnail", "")]
    assert all(r.variant == 2 and r.data["rerender_failed"] == "IMAGE_SAFETY" for r in kept)
    nothing_before = keep_previous_on_failure([failed], [])
    assert nothing_before == [failed]


def test_video_reuse_protection_and_fallback() -> None:
    video = row("video", brief_sha=BRIEF.video_sha, approved=True)
    assert reusable_video(video, BRIEF, lambda _: True)
    assert not reusable_video(video, BRIEF, lambda _: False)
    assert not reusable_video(video.model_copy(update={"data": {"brief_sha": "x"}}), BRIEF, lambda _: True)

    red = Review(id=uuid4(), company_id=uuid4(), creative_name="N1", status="RED",
                 created_at=datetime.now(timezone.utc))
    assert protected_videos({"N1": video}, set(), {}) == [video]
    assert protected_videos({"N1": video}, {"N1"}, {}) == []
    assert protected_videos({"N1": video}, set(), {"N1": red}) == []

    failed = MediaRecord(kind="video", creative_name="N1", status="failed", error="deadline", provider="p", model="m")
    other = MediaRecord(kind="video", creative_name="N2", status="failed", error="blocked", provider="p", model="m")
    written, fallback, failures = video_fallbacks([failed, other], {"N1": video})
    assert written == [other] and fallback == [video]
    assert [f.error for f in failures] == ["blocked", "re-render failed; the previous video is kept"]
