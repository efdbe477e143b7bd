"""The Trends keyword budget and a script's trend part, by hand-computed cases."""

from __future__ import annotations

import pytest

from creative_pipeline.domain.trends import KeywordTrend
from creative_pipeline.scoring.trend_keywords import overlap, script_trend, select_keywords, words


def ok(keyword: str, score: float, status: str = "ok") -> KeywordTrend:
    return KeywordTrend(keyword=keyword, score=score, status=status)


def test_keywords_many_scripts_carry_come_first_then_the_site_s_within_the_limit() -> None:
    scripts = [["Cold Brew", "iced coffee"], ["cold  brew"], ["cold brew", "oat milk"], ["oat milk"], ["x" * 61]]
    chosen = select_keywords(["coffee at home", "iced coffee"], scripts, limit=3)
    # cold brew: 3 scripts; iced coffee: 1 script + site bonus 2 = 3 (seen later); oat milk 2 = coffee at home 2
    assert chosen == ["cold brew", "iced coffee", "oat milk"]
    assert select_keywords([], [["a b c d e"], ["short one"]], limit=5) == ["short one"]  # >4 words dropped
    assert select_keywords(["a"], [["b"]], limit=0) == []


def test_three_hundred_distinct_keywords_are_cut_to_the_budget() -> None:
    scripts = [[f"term {i}", f"word {i}", f"thing {i}"] for i in range(100)]
    assert len(select_keywords(["site topic"], scripts, limit=20)) == 20
    assert select_keywords(["site topic"], scripts, limit=20)[0] == "site topic"


def test_overlap_is_the_share_of_keyword_words_in_the_script_with_plurals_folded() -> None:
    assert words("Running SHOES, shoe-box!") == {"running", "shoe", "box"}
    assert overlap("running shoes", words("a shoe for running")) == 1.0
    assert overlap("trail running shoes", words("running late")) == pytest.approx(1 / 3)


def test_a_script_s_trend_is_the_overlap_weighted_mean_of_its_matched_keywords() -> None:
    trends = {"cold brew": ok("cold brew", 80), "iced coffee": ok("iced coffee", 40), "oat milk": ok("oat milk", 10)}
    got = script_trend("Cold brew in 10 seconds, iced or hot", trends)
    # cold brew overlap 1.0 -> 80; iced coffee overlap 0.5 -> 40: (80 + 0.5*40) / 1.5
    assert got.score == pytest.approx(66.667, abs=1e-3) and got.status == "ok"
    assert got.matched == ["cold brew", "iced coffee"]


def test_a_script_matching_nothing_gets_the_company_baseline_not_a_neutral_fifty() -> None:
    trends = {"cold brew": ok("cold brew", 90, "cached"), "oat milk": ok("oat milk", 30, "cached")}
    got = script_trend("A pep talk about mornings", trends)
    assert got.score == 60.0 and got.status == "cached" and got.matched == []


def test_without_any_answered_keyword_the_trend_is_a_flagged_neutral_fifty() -> None:
    down = {"cold brew": KeywordTrend(keyword="cold brew", status="unavailable", error="429")}
    assert script_trend("cold brew", down).model_dump() == {"score": 50.0, "status": "unavailable", "matched": []}
    assert script_trend("cold brew", {}).status == "unavailable"
