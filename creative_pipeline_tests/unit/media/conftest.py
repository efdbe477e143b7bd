"""Shared briefs for the media tests (small renders keep the suite fast)."""

from __future__ import annotations

from typing import Any

import pytest

from creative_pipeline.domain.brief import ImageBrief, VideoBrief, VideoShot

CREATIVE_NAME = "20261124_HOME_SOLO_DEMO_RELIEF_UGC_brightbrew-coffee_W03"


def make_image_brief(**overrides: Any) -> ImageBrief:
    fields: dict[str, Any] = dict(
        headline="Wake up to café-quality coffee — in 90 seconds",
        subheadline="Fresh beans, roasted weekly, delivered before you run out.",
        cta="Start my trial",
        visual_description="A sunlit kitchen counter at 7am: a young professional pours a glossy espresso "
        "from a compact matte-black machine; steam rises; a bag of beans sits beside a laptop.",
        composition="product left, person right, text in lower third",
        palette=["#1F3A5F", "#2E8B57", "#F7F3E9"],
        aspect_ratio="9:16",
        style="photographic, warm morning light",
        variations=["Close-up of hands holding the cup", "Outdoor balcony at sunrise, city skyline behind"],
    )
    fields.update(overrides)
    return ImageBrief(**fields)


def make_video_brief(**overrides: Any) -> VideoBrief:
    fields: dict[str, Any] = dict(
        concept="The morning rush, solved in 90 seconds",
        shots=[
            VideoShot(description="Alarm rings, person groans", on_screen_text="6:58 am. No coffee."),
            VideoShot(description="Machine brews espresso, steam rises", on_screen_text="Café-quality in 90 s"),
            VideoShot(description="Smiling, sipping on the way out"),
        ],
        voiceover="Fresh beans, every week.",
        cta="Start my trial",
    )
    fields.update(overrides)
    return VideoBrief(**fields)


@pytest.fixture
def image_brief() -> ImageBrief:
    return make_image_brief()


@pytest.fixture
def video_brief() -> VideoBrief:
    return make_video_brief()
