"""Grounding: claims in ad copy found (or not) in the page and the UVP."""

import pytest

from creative_pipeline.compliance.grounding import Sources, check_grounding, extract_claims, source_numbers, to_number

PAGE = Sources([
    "Loved by 12,000 home baristas. \"It replaced my café habit and saves me about $90 a month.\" — Jess, Portland",
    "$24 per box, first box 50% off. Steeped for 18 hours. Rated 4.8/5 by subscribers. Winner of the 2025 Brew Award.",
    "Cold brew delivered: cafe taste at home in 10 seconds.",  # the UVP
])


@pytest.mark.parametrize(("raw", "suffix", "value"), [
    ("50,000", None, 50000), ("50 000", None, 50000), ("50\u202f000", None, 50000), ("50", "k", 50000),
    ("1.5", "m", 1.5e6), ("4,9", None, 4.9), ("12", "thousand", 12000), ("abc", None, None),
])
def test_numbers_are_normalised_whatever_their_format(raw: str, suffix: str | None, value: float | None) -> None:
    assert to_number(raw, suffix) == value


def test_the_page_numbers_include_expanded_multipliers() -> None:
    assert {12000.0, 24.0, 50.0, 18.0, 4.8, 10.0} <= source_numbers(PAGE.text)
    assert 50000.0 in source_numbers("over 50k fans")


@pytest.mark.parametrize("invented", [
    "Trusted by 50,000 happy customers", "Rated 4.9 stars", "Voted best cold brew", "The #1 cold brew",
    "Clinically proven to wake you up", "Trusted by Nike and Google", "As seen in Vogue", "Over 50k fans",
    "Millions of customers agree", "A 5-star experience", "\"Best coffee I have ever had, hands down\"",
    "Save 70% today", "Ready in 30 seconds",
])
def test_an_invented_claim_is_not_grounded(invented: str) -> None:
    report = check_grounding([invented], PAGE)
    assert not report.ok and report.ungrounded, invented
    assert "ungrounded claim" in report.reason()


@pytest.mark.parametrize("grounded", [
    "Loved by 12k home baristas", "Loved by 12 000 home baristas", "First box 50% off, just $24",
    "Steeped 18 hours, ready in 10 seconds", "Rated 4.8/5", "Thousands of home baristas love it",
    "\"It replaced my café habit and saves me about $90 a month\"", "An award-winning brew",
    "3 things nobody tells you about cold brew", "POV: your morning, fixed",
])
def test_a_claim_found_on_the_page_or_in_the_uvp_is_grounded(grounded: str) -> None:
    report = check_grounding([grounded], PAGE)
    assert report.ok, report.ungrounded


def test_claims_are_extracted_once_with_their_kind() -> None:
    kinds = [(c.kind, c.text) for c in extract_claims("Rated 4.9 stars. Rated 4.9 stars. Trusted by Acme & Globex.")]
    assert kinds == [("rating", "4.9 stars"), ("named", "Acme"), ("named", "Globex")]


def test_a_figure_never_pairs_with_the_next_piece_of_copy_or_a_longer_word() -> None:
    # "12,000" ends one line and "Start" begins the next: no "0 Star" rating is read
    assert check_grounding(["Loved by 12,000", "Start your first box"], PAGE).ok
    assert [c.text for c in extract_claims("Start at 4 stars")] == ["4 stars"]
    assert [c.kind for c in extract_claims("12,000 stars")] == ["number"]


def test_the_company_name_the_user_wrote_is_a_source() -> None:
    """A brand called "Daemon Co 123456" says 123456 without claiming anything; an invented figure
    beside it is still caught."""
    from creative_pipeline.assets.script_writing import grounding_sources
    from creative_pipeline.domain.company import CompanyContext
    from creative_pipeline.resources.gemini.content import CompanyBrief

    brief = CompanyBrief(slug="daemon-co-123456", name="Daemon Co 123456", uvp="Cold brew at home in 10 seconds.",
                         context=CompanyContext(title="Daemon Co", main_text="Cold brew, steeped overnight."))
    report = check_grounding(["Daemon Co 123456 makes cold brew easy", "Loved by 50,000 fans"], grounding_sources(brief))
    assert [c.value for c in report.grounded] == [123456.0]
    assert [c.value for c in report.ungrounded] == [50000.0]


WORDS_PAGE = Sources([
    "Loved by twelve thousand home baristas. Free shipping on every box; skip or cancel anytime.",
    "Nine out of ten subscribers reorder. Ready in 10 seconds.",
])


@pytest.mark.parametrize("invented", [
    "Trusted by fifty thousand happy customers", "Over a million orders shipped", "Half a million fans",
    "Ready in two minutes", "Twenty-five thousand five-star reviews", "Hundreds of thousands of fans",
    "Dozens of awards", "Money-back guarantee", "Try it risk-free", "Buy one, get one", "Limited time only",
    "Free returns, always", "Start your free trial", "Our most trusted blend", "The world's first cold brew kit",
    "Industry-leading taste", "Dermatologist-recommended", "Scientifically proven energy",
    "Eight out of ten baristas agree",
])
def test_invented_figures_in_words_superlatives_and_offers_are_not_grounded(invented: str) -> None:
    report = check_grounding([invented], WORDS_PAGE)
    assert not report.ok, invented


@pytest.mark.parametrize("grounded", [
    "Loved by 12,000 home baristas", "Loved by twelve thousand home baristas", "Loved by 12k baristas",
    "Nine out of ten subscribers reorder", "9 out of 10 reorder", "Ready in ten seconds",
    "Free delivery, cancel any time", "Ships free. No commitment.", "One cup, one minute of your morning",
    "A one-of-a-kind ritual", "Three steps to better mornings",
])
def test_figures_in_words_and_offers_the_page_states_are_grounded(grounded: str) -> None:
    report = check_grounding([grounded], WORDS_PAGE)
    assert report.ok, report.ungrounded


@pytest.mark.parametrize(("text", "value"), [
    ("fifty thousand", 50000), ("a million", 1e6), ("half a million", 5e5), ("two hundred and fifty", 250),
    ("twenty-five thousand", 25000), ("one hundred twenty three", 123), ("a thousand", 1000),
])
def test_numbers_in_words_are_read_as_their_value(text: str, value: float) -> None:
    assert value in source_numbers(f"over {text} fans")
