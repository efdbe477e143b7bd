"""Clean plate + overlay: the words stay inside each placement's safe zone, in the brand's colours."""

import io

import pytest
from PIL import Image

from creative_pipeline.domain.brand import BrandKit
from creative_pipeline.media.overlay import OverlayCopy, ad_copy, compose_ad, plan_overlay, text_colours
from creative_pipeline.media.plate_proof import render_plate_proof
from creative_pipeline.media.reframe import crop_box
from creative_pipeline.media.safe_zones import PLACEMENTS, SAFE_ZONES, inside, safe_rect

from .conftest import CREATIVE_NAME, make_image_brief

LONG = "An unreasonably long headline that a model wrote without counting its words at all, twice over and more"


def test_meta_reels_safe_zone_numbers_on_a_1080_by_1920_frame() -> None:
    assert safe_rect((1080, 1920), "9:16") == (65, 269, 886, 1248)  # 6 % left, 14 % top, 35 % bottom (+ right column)
    assert SAFE_ZONES["9:16"].top == 0.14 and SAFE_ZONES["9:16"].bottom == 0.35


@pytest.mark.parametrize("placement", PLACEMENTS)
@pytest.mark.parametrize("size", [(1080, 1920), (768, 1376), (1080, 1080)])
@pytest.mark.parametrize("headline", ["Brew better", LONG])
def test_every_word_lands_inside_the_placement_safe_zone(placement: str, size: tuple[int, int], headline: str) -> None:
    box = crop_box(size, placement)
    frame = (box[2] - box[0], box[3] - box[1])
    for banner in (False, True):
        layout = plan_overlay(frame, OverlayCopy(headline=headline, cta_line="Start my free trial today", colours=[]),
                              placement, banner)
        rect = safe_rect(frame, placement)
        assert inside(layout.headline_box, rect) and inside(layout.cta_box, rect)
        assert layout.headline_box[3] < layout.cta_box[1]  # headline above the CTA, never overlapping
        assert layout.cta_text.endswith("→")  # a line of text, not a button


def test_text_takes_the_brand_colours_that_read_and_white_when_none_does() -> None:
    head, cta, from_brand = text_colours(["#101010", "#F5DEB3", "#FFB000"])
    assert from_brand and {head, cta} == {(245, 222, 179), (255, 176, 0)}
    assert text_colours(["#101010", "#202020"]) == ((255, 255, 255), (255, 255, 255), False)


def test_ad_copy_puts_the_brand_kit_before_the_palette() -> None:
    brief = make_image_brief()
    copy = ad_copy(brief, BrandKit(colors=["#FF5500"], font="DejaVu Sans"))
    assert copy.colours[0] == "#FF5500" and copy.colours[1:] == brief.palette and copy.font == "DejaVu Sans"
    assert ad_copy(brief, None).colours == brief.palette and ad_copy(brief, None).font is None


@pytest.mark.parametrize("placement", PLACEMENTS)
def test_a_composed_ad_is_the_plate_reframed_with_words_only_inside_the_safe_zone(placement: str) -> None:
    brief = make_image_brief()
    plate = render_plate_proof(brief, CREATIVE_NAME, 1, scale=0.5)
    png, layout = compose_ad(plate, OverlayCopy(headline=brief.headline, cta_line=brief.cta, colours=brief.palette), placement)
    with Image.open(io.BytesIO(png)) as ad, Image.open(io.BytesIO(plate)) as src:
        w, h = (int(x) for x in placement.split(":"))
        assert abs(ad.width / ad.height - w / h) < 0.01
        cropped = src.convert("RGB").crop(crop_box(src.size, placement))
        # a text pixel is bright ink over the scrim: outside the safe zone no pixel got brighter than the plate
        x0, y0, x1, y1 = safe_rect(ad.size, placement)
        for y in range(0, ad.height, 7):
            for x in range(0, ad.width, 7):
                if not (x0 <= x < x1 and y0 <= y < y1):
                    assert sum(ad.getpixel((x, y))) <= sum(cropped.getpixel((x, y))) + 40  # ink would add hundreds
