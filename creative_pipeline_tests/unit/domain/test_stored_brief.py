"""A loaded brief fingerprints its bodies as stored, not as re-validated: renders and approvals
recorded before the brief was typed must still match it."""

import hashlib
import json
from datetime import datetime, timezone
from uuid import uuid4

import pytest

from creative_pipeline.domain.approval import approval_state, brief_hash
from creative_pipeline.domain.brief import StoredBrief, brief_sha
from creative_pipeline.domain.review import Review

ABCD = {"scene_setting": "HOME", "scene_subject": "SOLO", "action": "DEMO", "driver": "RELIEF", "format": "UGC"}
# as an older writer might have stored it: a lower-case colour (validation upper-cases it) and no `style`
IMAGE = {"headline": "Café taste — at home", "cta": "Try it", "visual_description": "A kitchen at 7am.",
         "composition": "product left", "palette": ["#abcdef", "#1F2937"], "aspect_ratio": "9:16",
         "variations": ["Close-up", "Balcony"]}
VIDEO = {"concept": "Morning rush", "shots": [{"description": "Alarm rings"}], "cta": "Try it", "duration_seconds": 6,
         "aspect_ratio": "9:16"}


def old_sha(body: object) -> str:
    """The fingerprint as `media_objects.brief_sha` computed it before briefs were typed."""
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def stored(**changes: object) -> StoredBrief:
    return StoredBrief.model_validate({"script_id": None, "creative_name": "N1", "rank": 1, "abcd": ABCD,
                                       "image_body": IMAGE, "video_body": VIDEO, **changes})


def review(**fields: object) -> Review:
    """A stored review of creative N1 with the given status, hash and version."""
    return Review.model_validate({"id": uuid4(), "company_id": uuid4(), "creative_name": "N1",
                                  "created_at": datetime.now(timezone.utc), **fields})


def test_fingerprints_are_of_the_bodies_as_stored() -> None:
    brief = stored()
    assert brief.image_sha == brief_sha(IMAGE) == old_sha(IMAGE)
    assert brief.video_sha == brief_sha(VIDEO) == old_sha(VIDEO)
    assert brief.image.palette[0] == "#ABCDEF"  # the typed view normalises ...
    assert brief.image_sha != old_sha(brief.image.model_dump(mode="json"))  # ... the fingerprint does not
    assert brief_hash(brief) == old_sha({"image": IMAGE, "video": VIDEO})


def test_typed_views_and_the_document_as_stored() -> None:
    brief = stored(history=[{"version": 1}])
    assert brief.video.duration_seconds == 6 and brief.abcd.driver.value == "RELIEF" and brief.version == 2
    doc = brief.as_stored()
    assert doc["image"] is brief.image_body and doc["video"] is brief.video_body and doc["abcd"] == ABCD
    assert "video" not in stored(video_body=None).as_stored()
    with pytest.raises(ValueError, match="no stored video brief"):
        stored(video_body=None).video


def test_an_approval_counts_for_the_brief_it_pinned() -> None:
    brief = stored()
    green = review(status="GREEN", brief_hash=brief_hash(brief), brief_version=1)
    assert approval_state(green, brief) == "approved"
    assert approval_state(green, stored(image_body={**IMAGE, "headline": "Changed"})) == "stale"
    assert approval_state(review(status="RED"), brief) == "withdrawn" and approval_state(None, brief) == "not reviewed"
    assert approval_state(review(status="GREEN", brief_hash=None, brief_version=2), stored(history=[{}])) == "approved"
