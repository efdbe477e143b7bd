"""Proof points: found deterministically on the page, kept only when their quote is on it."""

from __future__ import annotations

from creative_pipeline.domain.company import CompanyContext, ProofPoint
from creative_pipeline.resources.web.extract import extract_context
from creative_pipeline.resources.web.proof import find_proof_points, quote_found, verify_proof_points
from creative_pipeline_tests.unit.web.sample_pages import SHOP_PAGE

PROOF_PAGE = """<html><head><title>Calm Sleep</title></head><body>
<h1>Sleep better tonight</h1>
<p>Our mattress is rated 4.8 out of 5 by 12,400 verified customers. It ships in a box.</p>
<p>Winner of the Good Housekeeping Sleep Award 2025.</p>
<p>OEKO-TEX certified foam, made in Portugal.</p>
<p>Trusted by Marriott, Hilton and 300 boutique hotels.</p>
<blockquote class="review">“Best sleep I have had in years.” <cite>— Dana, Ohio</cite></blockquote>
<p>We love sleep.</p>
<div hidden>Rated 5/5 by 1,000,000 users.</div>
<footer>Over 99% of visitors agree.</footer>
</body></html>"""


def test_page_proof_points_are_exact_quotes_of_visible_text() -> None:
    ctx = extract_context(PROOF_PAGE, "https://calm.test/")
    quotes = [p.quote for p in ctx.proof_points]
    assert quotes[0] == "“Best sleep I have had in years.” — Dana, Ohio"  # quoted reviews come first
    assert "Our mattress is rated 4.8 out of 5 by 12,400 verified customers." in quotes
    assert "Winner of the Good Housekeeping Sleep Award 2025." in quotes
    assert "OEKO-TEX certified foam, made in Portugal." in quotes
    assert "Trusted by Marriott, Hilton and 300 boutique hotels." in quotes
    assert all(quote_found(q, ctx.main_text) for q in quotes)
    # hidden text and boilerplate are not proof; a sentence without a claim is not either
    assert not any("1,000,000" in q or "99%" in q or q == "We love sleep." for q in quotes)


def test_a_page_without_claims_has_no_proof_points() -> None:
    assert extract_context(SHOP_PAGE, "https://greenbox.test/").proof_points == [
        ProofPoint(claim="Get 50% off your first box and free shipping on every order!",
                   quote="Get 50% off your first box and free shipping on every order!")]
    assert extract_context("<body><p>We make mugs by hand.</p></body>", "https://m.test/").proof_points == []


def test_quotes_are_checked_with_whitespace_normalised_only() -> None:
    page = "Rated 4.8 out of 5   by our\nreaders."
    points = [
        ProofPoint(claim="4.8 rating", quote="Rated 4.8 out of 5 by our readers."),  # whitespace differs: kept
        ProofPoint(claim="4.9 rating", quote="Rated 4.9 out of 5 by our readers."),  # invented number: dropped
        ProofPoint(claim="case", quote="rated 4.8 out of 5"),  # case differs: dropped
        ProofPoint(claim="dup", quote="Rated  4.8 out of 5 by our readers."),  # same quote twice: once
        ProofPoint(claim="empty", quote="   "),
    ]
    kept, dropped = verify_proof_points(points, page)
    assert [(p.claim, p.quote) for p in kept] == [("4.8 rating", "Rated 4.8 out of 5 by our readers.")]
    assert [d.claim for d in dropped] == ["4.9 rating", "case", "empty"]
    assert all(d.reason == "quote not found in the page's visible text" for d in dropped)


def test_candidates_are_deterministic_and_capped() -> None:
    blocks = [f"We shipped {i},000 boxes in {2000 + i}." for i in range(1, 30)]
    first, second = find_proof_points(blocks), find_proof_points(blocks)
    assert first == second and len(first) == 12 and first[0].quote == "We shipped 1,000 boxes in 2001."


def test_old_stored_contexts_without_proof_points_still_load() -> None:
    old = {"title": "T", "offer": "(see UVP)", "keywords": ["a"], "source": "website"}
    ctx = CompanyContext.model_validate(old)
    assert ctx.proof_points == [] and ctx.title == "T"


def test_review_containers_and_widgets_are_not_reviews() -> None:
    html = """<body><section class="reviews"><h2>What customers say</h2>
    <div class="review-card"><p>The mug kept my tea hot all morning.</p><span>Ana</span></div>
    <div class="review-card"><p>Lovely glaze, sturdy handle, worth it.</p></div></section>
    <button class="write-review">Write a review</button><div class="quote-form">Get a free quote today</div></body>"""
    quotes = [p.quote for p in extract_context(html, "https://r.test/").proof_points]
    assert quotes == ["The mug kept my tea hot all morning. Ana", "Lovely glaze, sturdy handle, worth it."]
