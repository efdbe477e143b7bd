"""Rubric arithmetic, the anchor remapping (hand-computed), and what the scorer is shown."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from creative_pipeline.scoring.anchors import KNOWN_LLM, MIN_GAP, anchor_scripts, calibration
from creative_pipeline.scoring.rubric import RUBRIC_WEIGHTS, llm_from_rubric, viral_from_subscore
from creative_pipeline.scoring.script_view import mixed_order, scoring_view, view_text

ALL = dict.fromkeys(RUBRIC_WEIGHTS, 0)


def test_the_rubric_is_a_weighted_mean_of_the_sub_scores_on_0_to_100() -> None:
    assert llm_from_rubric(dict.fromkeys(RUBRIC_WEIGHTS, 10)) == 100
    assert llm_from_rubric(ALL) == 0
    # hook 10 alone: 0.25 * 10 * 10; persona_fit 5 alone: 0.20 * 5 * 10
    assert llm_from_rubric({**ALL, "hook": 10}) == pytest.approx(25)
    assert llm_from_rubric({**ALL, "hook": 8, "persona_fit": 5, "cta": 7}) == pytest.approx(20 + 10 + 7)
    assert llm_from_rubric({**ALL, "clarity": 14}) == pytest.approx(15)  # clamped to 10
    with pytest.raises(ValueError, match="missing"):
        llm_from_rubric({"hook": 5})
    assert viral_from_subscore(7) == 70 and viral_from_subscore(-3) == 0


def test_a_pack_is_remapped_linearly_from_its_anchors_to_their_known_scores() -> None:
    # anchors came back 40 (weak) and 70 (strong); known 20 and 80: slope 2, offset -60
    cal = calibration((40.0, 70.0), KNOWN_LLM)
    assert cal.anchored and cal.slope == pytest.approx(2.0) and cal.offset == pytest.approx(-60.0)
    assert cal.apply(40) == 20 and cal.apply(70) == 80 and cal.apply(55) == pytest.approx(50)
    assert cal.apply(95) == 100 and cal.apply(20) == 0  # clamped to 0..100
    assert cal.label == "anchored"
    # a generous pack (anchors 50 and 110-equivalent) is pulled down onto the same scale
    generous = calibration((35.0, 95.0), KNOWN_LLM)
    assert generous.apply(95) == 80 and generous.apply(65) == pytest.approx(50)


def test_a_pack_whose_anchors_are_not_told_apart_keeps_its_raw_scores_and_says_why() -> None:
    close = calibration((60.0, 60.0 + MIN_GAP - 1), KNOWN_LLM)
    assert not close.anchored and close.apply(63.456) == 63.456
    assert close.label.startswith("raw: anchors returned 60 (weak) and 79 (strong)")
    inverted = calibration((80.0, 30.0), KNOWN_LLM)
    assert not inverted.anchored
    missing = calibration(None, KNOWN_LLM)
    assert missing.label == "raw: an anchor was missing from the reply" and missing.apply(120) == 100


def test_the_anchors_are_the_same_for_every_pack_and_built_from_the_company() -> None:
    args = (("S101", "S102"), "Brightbrew", "Cold brew at home in 10 seconds. Organic.", "Dana",
            ["mornings are rushed"], ["price"])
    weak, strong = anchor_scripts(*args)
    assert (weak, strong) == anchor_scripts(*args)
    assert weak.ref == "S101" and strong.ref == "S102"
    assert "Cold brew at home in 10 seconds" in strong.body and "price" in strong.body
    assert strong.beats[-1]["end_s"] == strong.duration_s == 15 and not weak.beats


def test_packs_mix_personas() -> None:
    refs = [f"S{i}" for i in range(1, 11)]
    order = mixed_order(refs, ["a"] * 5 + ["b"] * 3 + ["c"] * 2)
    assert order[:3] == ["S1", "S6", "S9"] and sorted(order) == sorted(refs)
    assert {r for r in order[:6]} == {"S1", "S6", "S9", "S2", "S7", "S10"}


def test_the_scorer_sees_the_whole_script_and_the_persona_s_pains_and_objections() -> None:
    old = SimpleNamespace(persona_name="Dana", persona_data={"pains": ["no time"], "objections": ["price"]},
                          headline="H", hook="Hook?", body="Body", cta="Shop", keywords=["cold brew"], template="pas",
                          position=1)
    view = scoring_view("S1", old)
    assert view.persona_pains == ["no time"] and view.persona_objections == ["price"] and view.angle == "pas"
    assert view.beats == [] and view.details == {}
    new = SimpleNamespace(**vars(old), angle="demo_first", placement="Reels", duration_s=15,
                          hook_alternatives=["Alt one"], proof_quote="4.8 stars",
                          beats=[{"start_s": 0, "end_s": 3, "visual": "Pour", "spoken": "Watch", "on_screen_text": "3s"}])
    view = scoring_view("S2", new)
    assert (view.angle, view.placement, view.duration_s) == ("demo_first", "Reels", 15.0)
    assert view.details == {"hook_alternatives": ["Alt one"], "proof_quote": "4.8 stars"}
    assert "Pour" in view_text(view) and "4.8 stars" in view_text(view) and "cold brew" in view_text(view)


def test_a_timed_script_s_nested_fields_reach_the_scorer_and_the_grounding_bookkeeping_does_not() -> None:
    beats = [{"start_s": 0, "end_s": 3, "visual": "Pour", "spoken": "Watch", "on_screen_text": "Watch"}]
    row = SimpleNamespace(
        persona_name="Dana", persona_data={"pains": ["p"], "objections": ["o"]}, headline="H", hook="Watch this",
        body="B", cta="Shop", keywords=[], angle="demo_first", placement="TikTok", duration_s=15, cta_button="SHOP_NOW",
        beats=beats, checks={"claims": ["x"]}, ineligible_reasons=["overrun"],
        timed={"hook": {"visual": "Pour", "on_screen_text": "Watch", "spoken": "Watch this"}, "beats": beats,
               "objection": "o", "proof_quote": "Organic"},
    )
    view = scoring_view("S1", row)
    assert view.beats == beats and view.hook == "Watch this"
    assert view.details == {"cta_button": "SHOP_NOW", "objection": "o", "proof_quote": "Organic",
                            "hook_parts": {"visual": "Pour", "on_screen_text": "Watch", "spoken": "Watch this"}}
