"""Timed scripts: schema rules, word budgets, trimming, the brand by second 5, the script checks."""

import pytest
from pydantic import ValidationError

from creative_pipeline.compliance.grounding import Sources
from creative_pipeline.compliance.script_checks import check_script, reask_reasons
from creative_pipeline.domain.script_timing import brand_late, fit_to_time, word_budget
from creative_pipeline.domain.timed_script import TimedScript
from creative_pipeline.domain.vocabulary import Angle

HOOK = {"visual": "Brightbrew bottle on the counter", "on_screen_text": "Mornings, fixed", "spoken": "Meet Brightbrew."}


def draft(**changes) -> TimedScript:
    data = {
        "placement": "TIKTOK", "duration_s": 15, "hook": HOOK, "hook_alternatives": [HOOK, HOOK],
        "beats": [
            {"start_s": 0, "end_s": 4, "visual": "bottle", "spoken": "Meet Brightbrew.", "on_screen_text": "Mornings"},
            {"start_s": 4, "end_s": 10, "visual": "pour", "spoken": "Pour, add milk, done.", "on_screen_text": ""},
            {"start_s": 10, "end_s": 15, "visual": "logo", "spoken": "Tap shop now.", "on_screen_text": "Shop now"},
        ],
        "objection": "price", "proof_quote": "", "cta_button": "SHOP_NOW", "cta_line": "Tap shop now.",
        "primary_text": "Cafe taste at home.", "headline": "Brightbrew cold brew", "keywords": ["cold brew"],
        "abcd": {"scene_setting": "HOME", "scene_subject": "HANDS", "action": "DEMO", "driver": "RELIEF", "format": "REEL"},
    }
    data.update(changes)
    return TimedScript.model_validate(data)


SOURCES = Sources(["Loved by 12,000 home baristas. \"It replaced my café habit and saves me about $90 a month.\"",
                   "Cold brew delivered: cafe taste at home in 10 seconds."])


def test_beats_are_sorted_and_overlaps_are_refused() -> None:
    beats = draft().model_dump()["beats"]
    assert [b.start_s for b in draft(beats=list(reversed(beats))).beats] == [0, 4, 10]
    beats[1]["start_s"] = 2
    with pytest.raises(ValidationError, match="beats overlap"):
        draft(beats=beats)


def test_a_last_beat_past_the_duration_lengthens_the_script_and_image_formats_become_reel() -> None:
    beats = draft().model_dump()["beats"]
    beats[-1]["end_s"] = 17.5
    script = draft(beats=beats, abcd={**draft().abcd.model_dump(mode="json"), "format": "STATIC"})
    assert script.duration_s == 18 and script.abcd.format.value == "REEL"


def test_word_budget_is_two_and_a_half_words_per_second() -> None:
    assert [word_budget(s) for s in (1, 2, 3, 4, 6)] == [2, 5, 7, 10, 15]


def test_an_overrun_is_trimmed_and_a_large_one_may_not_win() -> None:
    beats = draft().model_dump()["beats"]
    beats[1]["spoken"] = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
                         "sixteen seventeen eighteen nineteen twenty"
    fitted = fit_to_time(draft(beats=beats))
    assert len(fitted.script.beats[1].spoken.split()) == 15 and fitted.trimmed_words == 5
    assert fitted.overrun is None and "trimmed" in fitted.repairs[0]
    beats[1]["spoken"] = " ".join(["word"] * 60)
    assert fit_to_time(draft(beats=beats)).overrun.startswith("overrun")


def test_hook_lines_over_seven_and_ten_words_are_trimmed() -> None:
    long_hook = {**HOOK, "on_screen_text": "one two three four five six seven eight nine",
                 "spoken": "a b c d e f g h i j k l"}
    fitted = fit_to_time(draft(hook=long_hook)).script
    assert len(fitted.hook.on_screen_text.split()) == 7 and len(fitted.hook.spoken.split()) == 10


def test_the_brand_must_appear_by_second_five() -> None:
    assert brand_late(draft(), "Brightbrew Coffee Co.") is None
    nameless = {**HOOK, "visual": "a sunrise", "spoken": "Mornings are hard.", "on_screen_text": "Mornings"}
    beats = draft().model_dump()["beats"]
    beats[0].update(spoken="Mornings are hard.", visual="a sunrise")
    beats[1].update(visual="a sunrise", spoken="Still hard.")
    assert "not shown by second 5" in brand_late(draft(hook=nameless, beats=beats), "Brightbrew Coffee")


def test_invented_proof_is_found_and_can_be_asked_again() -> None:
    invented = draft(primary_text="Trusted by 50,000 happy customers. Rated 4.9 stars.")
    checked = check_script(Angle.PAIN, invented, "Brightbrew", SOURCES)
    assert checked.ineligible_reasons and "ungrounded claim" in checked.ineligible_reasons[0]
    assert any("50,000" in c for c in checked.checks["ungrounded_claims"]) and reask_reasons(checked)
    assert check_script(Angle.PAIN, draft(), "Brightbrew", SOURCES).ineligible_reasons == []


def test_a_testimonial_quotes_the_page_or_is_a_labelled_dramatisation() -> None:
    quoted = check_script(Angle.SOCIAL_PROOF, draft(proof_quote="It replaced my café habit"), "Brightbrew", SOURCES)
    assert quoted.ineligible_reasons == [] and quoted.checks["proof_quote_found"] is True
    bare = check_script(Angle.SOCIAL_PROOF, draft(), "Brightbrew", SOURCES)
    assert any("testimonial" in r for r in bare.ineligible_reasons)
    invented_quote = check_script(Angle.SOCIAL_PROOF, draft(proof_quote="Best coffee of my life, truly"), "Brightbrew",
                                  SOURCES)
    assert any("proof quote not found" in r for r in invented_quote.ineligible_reasons)
    drama = check_script(Angle.SOCIAL_PROOF, draft(is_dramatisation=True), "Brightbrew", SOURCES)
    assert drama.ineligible_reasons == [] and "Dramatisation" in drama.draft.beats[0].on_screen_text
