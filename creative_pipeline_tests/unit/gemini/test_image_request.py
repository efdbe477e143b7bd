"""What an image request sends: the brand's product photo (and logo where asked) before the
text on primaries, the primary and the product on variants, and the brief alone without any
brand image. Every image sent changes the cache key."""

from __future__ import annotations

from creative_pipeline.demo.site_server import SITE_DIR
from creative_pipeline.domain.brand import BrandReferences
from creative_pipeline.resources.gemini.sdk.image_request import image_request
from creative_pipeline.resources.gemini.sdk.media_client import image_key
from creative_pipeline_tests.unit.media.conftest import make_image_brief

PRODUCT = (SITE_DIR / "img" / "cold-brew-bottle.jpg").read_bytes()
LOGO = (SITE_DIR / "img" / "brightbrew-logo.png").read_bytes()
PICTURE = "A photographic ad image of a kitchen counter."
BRIEF = make_image_brief()


def test_without_brand_images_the_primary_is_the_brief_alone() -> None:
    request = image_request(PICTURE, BRIEF, 1, None, None)
    assert request.images == [] and request.text == PICTURE and request.contents(PICTURE) == [PICTURE]
    assert image_request(PICTURE, BRIEF, 1, None, BrandReferences()).text == PICTURE


def test_the_primary_gets_the_product_photo_first_and_is_told_to_keep_it() -> None:
    request = image_request(PICTURE, BRIEF, 1, None, BrandReferences(product=PRODUCT))
    assert request.images == [PRODUCT]
    assert "Keep this product exactly as it is" in request.text and request.text.rstrip().endswith(PICTURE)
    part, text = request.contents(request.text)
    assert part.inline_data.data == PRODUCT and part.inline_data.mime_type == "image/jpeg" and text == request.text
    with_logo = image_request(PICTURE, BRIEF, 1, None, BrandReferences(product=PRODUCT, logo=LOGO))
    assert with_logo.images == [PRODUCT, LOGO] and "the second image is the brand's logo" in with_logo.text
    assert with_logo.contents(with_logo.text)[1].inline_data.mime_type == "image/png"
    logo_only = image_request(PICTURE, BRIEF, 1, None, BrandReferences(logo=LOGO))
    assert logo_only.images == [LOGO] and "Keep this product" not in logo_only.text


def test_a_variant_is_an_edit_that_says_what_changes_and_what_stays() -> None:
    primary = b"\x89PNG\r\n\x1a\nprimary"
    request = image_request(PICTURE, BRIEF, 3, primary, BrandReferences(product=PRODUCT, logo=LOGO))
    assert request.images == [primary, PRODUCT]  # the logo is on the primary already
    assert f"Change only this: {BRIEF.variations[1]}" in request.text and "Keep exactly as they are" in request.text
    assert "#1F3A5F" in request.text and "must stay identical to it" in request.text
    plain = image_request(PICTURE, BRIEF, 2, primary, None)
    assert plain.images == [primary] and "second image" not in plain.text


def test_the_cache_key_follows_the_reference_images() -> None:
    keys = {image_key("nano", PICTURE, image_request(PICTURE, BRIEF, 1, None, refs).images, "9:16", "1K", 1)
            for refs in (None, BrandReferences(product=PRODUCT), BrandReferences(product=LOGO),
                         BrandReferences(product=PRODUCT, logo=LOGO))}
    assert len(keys) == 4
