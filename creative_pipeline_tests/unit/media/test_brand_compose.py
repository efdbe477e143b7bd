"""The offline proof shows the real product photo, and which brand images a picture gets."""

from __future__ import annotations

import hashlib
import io

from PIL import Image

from creative_pipeline.demo.site_server import SITE_DIR
from creative_pipeline.domain.brand import BrandAsset, BrandKit, BrandReferences
from creative_pipeline.media.brand_compose import compose_product, product_box
from creative_pipeline.media.brand_references import brief_wants_logo, choose_references
from creative_pipeline.media.layout_renderer import render_layout_proof

from .conftest import make_image_brief

PRODUCT = (SITE_DIR / "img" / "cold-brew-bottle.jpg").read_bytes()


def amber(img: Image.Image, box: tuple[float, float, float, float] = (0, 0, 1, 1)) -> int:
    """Pixels of the sample bottle's amber glass inside `box` (fractions of the image)."""
    crop = img.convert("RGB").crop(tuple(int(f * s) for f, s in zip(box, img.size * 2)))
    return sum(n for n, (r, g, b) in crop.getcolors(1 << 20) if abs(r - 120) < 12 and abs(g - 62) < 12 and b < 40)


def test_the_product_photo_is_in_the_picture_box_of_each_variant() -> None:
    for aspect in ("9:16", "1:1"):
        for variant in (1, 2, 3):
            box = product_box(aspect, variant)
            proof = render_layout_proof(make_image_brief(aspect_ratio=aspect), "NAME_W01", variant, scale=0.4)
            with Image.open(io.BytesIO(compose_product(proof, PRODUCT, box))) as img:
                assert amber(img, box) > 300 and amber(img) == amber(img, box)  # the photo's bottle, inside the box
            with Image.open(io.BytesIO(proof)) as plain:
                assert amber(plain) == 0


def asset(kind: str, origin: str, tag: str) -> BrandAsset:
    sha = hashlib.sha256(tag.encode()).hexdigest()
    return BrandAsset(kind=kind, origin=origin, source_url=tag, storage_bucket="b", storage_path=f"c/brand/{tag}",
                      content_type="image/png", bytes=1, sha256=sha, width=300, height=300)


def test_references_prefer_the_users_product_and_the_kits_logo() -> None:
    assets = [asset("product", "user", "mine"), asset("logo", "site", "l1"), asset("logo", "site", "l2"),
              asset("product", "site", "p"), asset("other", "site", "og")]
    product, logo = choose_references(assets, BrandKit(logo_path="c/brand/l2"))
    assert (product.source_url, logo.source_url) == ("mine", "l2")
    product, logo = choose_references([asset("other", "site", "og")], None)
    assert product.source_url == "og" and logo is None
    assert choose_references([], None) == (None, None)
    assert brief_wants_logo(make_image_brief(composition="product centre, logo on the pack"))
    assert not brief_wants_logo(make_image_brief())
    assert BrandReferences().describe().startswith("none (no brand image")
