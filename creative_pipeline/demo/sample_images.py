"""Draw the sample site's brand images with Pillow (run once; the results are committed).

`python -m creative_pipeline.demo.sample_images` writes `sample_site/img/cold-brew-bottle.jpg`
(a studio-style product shot: an amber bottle with its label on a warm backdrop) and
`sample_site/img/brightbrew-logo.png` (the wordmark with a bean, transparent background). They
exist so the demo and the tests use a real product photo and logo, not an invented product.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from creative_pipeline.media.fonts import get_font

IMG_DIR = Path(__file__).parent / "sample_site" / "img"
ESPRESSO, AMBER, CREAM = (43, 27, 23), (232, 163, 61), (255, 248, 238)


def product_photo(size: int = 720) -> Image.Image:
    """An amber glass bottle on a cream-to-tan backdrop, with a soft shadow and highlight."""
    img = Image.linear_gradient("L").resize((size, size)).point(lambda v: 235 - v // 5)
    img = Image.merge("RGB", (img, img.point(lambda v: v - 14), img.point(lambda v: v - 40)))
    d = ImageDraw.Draw(img)
    cx, base = size // 2, int(size * 0.86)
    shadow = Image.new("L", (size, size), 0)
    ImageDraw.Draw(shadow).ellipse((cx - 150, base - 22, cx + 170, base + 26), fill=120)
    img.paste((90, 70, 55), mask=shadow.filter(ImageFilter.GaussianBlur(18)))
    body = (cx - 110, int(size * 0.34), cx + 110, base)
    d.rounded_rectangle(body, radius=46, fill=(120, 62, 20))
    d.polygon([(cx - 110, body[1] + 30), (cx - 40, int(size * 0.22)), (cx + 40, int(size * 0.22)), (cx + 110, body[1] + 30)],
              fill=(120, 62, 20))
    d.rectangle((cx - 40, int(size * 0.12), cx + 40, int(size * 0.23)), fill=(120, 62, 20))
    d.rounded_rectangle((cx - 46, int(size * 0.09), cx + 46, int(size * 0.14)), radius=8, fill=ESPRESSO)
    d.rounded_rectangle((cx - 88, body[1] + 40, cx - 66, base - 40), radius=10, fill=(196, 120, 52))  # highlight
    label = (cx - 110, int(size * 0.5), cx + 110, int(size * 0.74))
    d.rectangle(label, fill=CREAM)
    d.rectangle((label[0], label[1], label[2], label[1] + 14), fill=AMBER)
    d.text((cx, label[1] + 52), "BRIGHTBREW", font=get_font(26, bold=True), fill=ESPRESSO, anchor="mm")
    d.text((cx, label[1] + 92), "COLD BREW", font=get_font(22), fill=ESPRESSO, anchor="mm")
    d.text((cx, label[1] + 124), "concentrate · 1 L", font=get_font(16), fill=(110, 80, 60), anchor="mm")
    return img.filter(ImageFilter.SMOOTH)


def logo(width: int = 600, height: int = 140) -> Image.Image:
    img = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((10, 10, 130, 130), fill=AMBER + (255,))
    d.arc((40, 22, 100, 118), start=100, end=260, fill=ESPRESSO + (255,), width=9)
    d.text((150, height // 2), "Brightbrew", font=get_font(60, bold=True), fill=ESPRESSO + (255,), anchor="lm")
    return img


def main() -> None:
    IMG_DIR.mkdir(parents=True, exist_ok=True)
    product_photo().save(IMG_DIR / "cold-brew-bottle.jpg", format="JPEG", quality=82, optimize=True)
    logo().save(IMG_DIR / "brightbrew-logo.png", format="PNG", optimize=True)


if __name__ == "__main__":
    main()
