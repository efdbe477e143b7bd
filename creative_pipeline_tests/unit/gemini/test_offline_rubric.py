"""The offline rubric: deterministic, labelled offline, and it tells the anchors apart."""

from __future__ import annotations

from creative_pipeline.domain.score import RUBRIC
from creative_pipeline.prompts.ad_patterns import examples_for
from creative_pipeline.resources.gemini.offline.scoring import rubric_item
from creative_pipeline.scoring.anchors import anchor_scripts
from creative_pipeline.scoring.rubric import llm_from_rubric

UVP = "Cold brew delivered: cafe taste at home in 10 seconds."
WEAK, STRONG = anchor_scripts(("S1", "S2"), "Brightbrew", UVP, "Dana", ["rushed mornings"], ["price"])
PATTERNS = examples_for(UVP, 6)


def test_sub_scores_are_deterministic_in_range_and_labelled_offline() -> None:
    item = rubric_item(STRONG, UVP, "Brightbrew", [], PATTERNS)
    assert item == rubric_item(STRONG, UVP, "Brightbrew", [], PATTERNS)
    assert all(0 <= getattr(item, c) <= 10 for c in (*RUBRIC, "viral"))
    assert item.rationale.startswith("offline heuristic (not a model's judgement)")


def test_the_weak_anchor_scores_well_below_the_strong_one() -> None:
    weak = llm_from_rubric(rubric_item(WEAK, UVP, "Brightbrew", [], PATTERNS).rubric())
    strong = llm_from_rubric(rubric_item(STRONG, UVP, "Brightbrew", [], PATTERNS).rubric())
    assert strong - weak >= 30


def test_an_unbacked_rating_caps_proof_and_a_stated_one_does_not() -> None:
    claim = STRONG.model_copy(update={"body": STRONG.body + " Rated 4.9 stars by 12,000 customers."})
    assert rubric_item(claim, UVP, "Brightbrew", [], PATTERNS).proof == 1
    backed = rubric_item(claim, UVP, "Brightbrew", ["Rated 4.9 stars by 12,000 customers"], PATTERNS)
    assert backed.proof >= 6
