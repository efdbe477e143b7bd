"""Where a page shows its brand: candidate rules, font families, tone of voice with evidence."""

from __future__ import annotations

from creative_pipeline.media.brand_fonts import map_css_font, normalise_font
from creative_pipeline.media.brand_kit import read_kit, tone_of_voice
from creative_pipeline.resources.web.brand_candidates import read_page_brand

PAGE = """<html><head>
<meta property="og:image" content="https://cdn.shop.test/share.jpg">
<meta name="twitter:image" content="/hero.jpg">
<link rel="apple-touch-icon" href="/touch.png"><link rel="icon" href="/favicon.ico">
<link href="https://fonts.googleapis.com/css2?family=Playfair+Display:wght@700&display=swap" rel="stylesheet">
<style>body { font-family: Inter, sans-serif } .hero h1 { font-family: 'Playfair Display', serif }</style>
</head><body>
<header><img src="/img/site-logo.png" alt="Shop"><img src="/img/banner.jpg" alt="banner"></header>
<nav><img src="/nav.png"></nav>
<main><img src="/hero.jpg" alt="Our bottle"><img src="/pixel.gif"><img src="/t.png" width="1" height="1">
<img src="data:image/png;base64,AAAA"><img src="/icon.svg"><div hidden><img src="/secret.jpg"></div>
<img class="brand-logo" src="/logo-dark.webp"><img data-src="/lazy.webp"></main>
<footer><img src="/footer.jpg"></footer></body></html>"""


def test_candidates_in_trial_order_by_kind() -> None:
    found = read_page_brand(PAGE, "https://shop.test/")
    assert [(c.kind, c.url) for c in found.candidates] == [
        ("logo", "https://shop.test/img/site-logo.png"),
        ("logo", "https://shop.test/logo-dark.webp"),
        ("logo", "https://shop.test/touch.png"),
        ("product", "https://shop.test/hero.jpg"),
        ("product", "https://shop.test/lazy.webp"),
        ("other", "https://cdn.shop.test/share.jpg"),
    ]  # header/nav/footer, hidden, 1-px, gif, svg, ico and data: images are not candidates


def test_font_families_display_first_and_their_mapping() -> None:
    families = read_page_brand(PAGE, "https://shop.test/").font_families
    assert families == ["Playfair Display", "'Playfair Display', serif", "Inter, sans-serif"]
    assert map_css_font(families[0]) == "DejaVu Serif" and map_css_font("Inter, sans-serif") == "DejaVu Sans"
    assert map_css_font("'Fira Code', monospace") == "DejaVu Sans Mono" and normalise_font("dejavu serif") == "DejaVu Serif"


def test_tone_words_carry_the_sentence_they_came_from() -> None:
    tone = tone_of_voice(["Small-batch cold brew. Pour, add water, done. Recyclable glass, free returns."])
    assert [(t.word, t.evidence) for t in tone] == [
        ("premium", "Small-batch cold brew."), ("simple", "Pour, add water, done."),
        ("caring", "Recyclable glass, free returns."),
    ]
    assert tone_of_voice(["Hello world"]) == []  # no sentence, no word


def test_kit_merges_logo_and_page_colours_without_repeats() -> None:
    kit = read_kit(["#2b1b17", "#E8A33D"], ["#2B1B17", "#5C8D89"], [], ["Easy."], "acme/brand/logo_x.png", "site")
    assert kit.colors == ["#2B1B17", "#E8A33D", "#5C8D89"] and kit.font == "DejaVu Sans" and kit.font_source == ""


def test_a_hostile_page_is_read_in_bounded_time_and_candidates() -> None:
    import time

    deep = "<div>" * 20000 + '<img src="/deep.jpg">' + "</div>" * 20000
    many = "".join(f'<img src="/p{i}.jpg">' for i in range(5000))
    css = "<style>" + "a" * 150_000 + "{font-family: Lobster}" + "</style>"
    started = time.monotonic()
    found = read_page_brand(f"<html><head>{css}</head><body>{deep}{many}</body></html>", "https://shop.test/")
    assert time.monotonic() - started < 10
    assert len(found.candidates) == 8 and found.font_families == ["Lobster"]  # MAX_CANDIDATES product images
