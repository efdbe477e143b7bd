import time
from datetime import date

import pytest

from creative_pipeline.domain.abcd import AbcdTags
from creative_pipeline.domain.naming import build_creative_name, parse_creative_name

TAGS = AbcdTags(scene_setting="HOME", scene_subject="SOLO", action="DEMO", driver="RELIEF", format="UGC")


def test_build_follows_the_documented_convention() -> None:
    assert build_creative_name(date(2026, 11, 24), TAGS, "brightbrew-coffee", 3) == (
        "20261124_HOME_SOLO_DEMO_RELIEF_UGC_brightbrew-coffee_W03"
    )
    assert build_creative_name(date(2026, 11, 24), TAGS, "acme", 12, variant=2).endswith("_acme_W12_V2")


@pytest.mark.parametrize(
    "ad_name",
    [
        "20261124_HOME_SOLO_DEMO_RELIEF_UGC_brightbrew-coffee_W03",
        "20261124_HOME_SOLO_DEMO_RELIEF_UGC_brightbrew-coffee_W03 - Copy",
        "Copy of 20261124_HOME_SOLO_DEMO_RELIEF_UGC_brightbrew-coffee_W03 (1)",
        "20261124_home_solo_demo_relief_ugc_Brightbrew-Coffee_w03_V2",
        "20261124-HOME-SOLO-DEMO-RELIEF-UGC-brightbrew-coffee-W03-V2-Copy",
        "Campaign A | 20261124 HOME SOLO DEMO RELIEF UGC brightbrew-coffee W03",
    ],
)
def test_parse_finds_the_canonical_name_inside_platform_decorations(ad_name: str) -> None:
    parsed = parse_creative_name(ad_name)
    assert parsed is not None
    assert parsed.canonical == "20261124_HOME_SOLO_DEMO_RELIEF_UGC_brightbrew-coffee_W03"
    assert parsed.rank == 3


@pytest.mark.parametrize("ad_name", ["", "Summer sale video", "20261399_HOME_SOLO_DEMO_RELIEF_UGC_x_W01", "HOME_SOLO_W01"])
def test_parse_rejects_names_without_a_valid_convention(ad_name: str) -> None:
    assert parse_creative_name(ad_name) is None


def test_build_refuses_bad_slug_and_rank() -> None:
    with pytest.raises(ValueError, match="slug"):
        build_creative_name(date(2026, 1, 1), TAGS, "Not A Slug", 1)
    with pytest.raises(ValueError, match="rank"):
        build_creative_name(date(2026, 1, 1), TAGS, "acme", 0)


def test_round_trip_for_every_rank_and_variant() -> None:
    for rank in (1, 9, 10, 99):
        for variant in (None, 1, 3):
            name = build_creative_name(date(2025, 2, 28), TAGS, "a-b-c-w12", rank, variant)
            parsed = parse_creative_name(name)
            assert parsed is not None and parsed.rank == rank and parsed.variant == variant
            assert parsed.company_slug == "a-b-c-w12"


def test_parse_stays_fast_on_a_hostile_cell() -> None:
    """An uploaded export can hold any cell; searching it must not go quadratic."""
    hostile = "20261124-A-B-C-D-E-" * 20_000 + "x"
    started = time.perf_counter()
    assert parse_creative_name(hostile) is None
    assert time.perf_counter() - started < 1.0


BARE = "20261124_HOME_SOLO_DEMO_RELIEF_UGC_brightbrew-coffee_W03"


def test_variant_name_is_the_winner_name_plus_v_n() -> None:
    from creative_pipeline.domain.naming import variant_name

    assert [variant_name(BARE, v) for v in (1, 2, 3)] == [f"{BARE}_V1", f"{BARE}_V2", f"{BARE}_V3"]
    for v in (1, 2, 3, 4):
        parsed = parse_creative_name(variant_name(BARE, v))
        assert parsed is not None and parsed.canonical == BARE and parsed.variant == v
        assert parsed.variant_name == f"{BARE}_V{v}"
    with pytest.raises(ValueError, match="bare"):
        variant_name(f"{BARE}_V2", 1)
    with pytest.raises(ValueError, match="bare"):
        variant_name(f"Copy of {BARE}", 1)
    with pytest.raises(ValueError, match="variant"):
        variant_name(BARE, 0)


@pytest.mark.parametrize(
    ("ad_name", "variant", "decorated"),
    [
        (BARE, None, False),  # names exported before variants keep parsing: the creative itself
        (f"{BARE} - Copy", None, True),  # Meta Ads Manager's duplicate
        (f"{BARE} - Copy 2", None, True),
        (f"{BARE} (1)", None, True),  # a copy counter is not `_V1`
        (f"{BARE}_V1 (1)", 1, True),
        (f"{BARE}_v2 (1)", 2, True),  # a copy of the V2 ad
        (f"{BARE}_V2 - Copy", 2, True),
        (f"Copy of {BARE}_V3", 3, True),
        (f"{BARE}_V2_copy", 2, True),  # TikTok-style copy
        (f"{BARE}-V2-Copy", 2, True),
        (f"{BARE}_V123", None, True),  # three digits are no variant suffix of ours
        (f"{BARE}_V0", None, False),
    ],
)
def test_variant_suffix_told_apart_from_platform_copy_marks(ad_name: str, variant: int | None, decorated: bool) -> None:
    parsed = parse_creative_name(ad_name)
    assert parsed is not None and parsed.canonical == BARE
    assert parsed.variant == variant
    assert bool(parsed.decoration) is decorated
