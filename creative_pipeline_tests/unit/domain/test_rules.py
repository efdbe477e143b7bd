import re

import pytest
from pydantic import ValidationError

from creative_pipeline.domain.abcd import ABCD_DIMENSIONS
from creative_pipeline.domain.company import CompanyIn, slugify
from creative_pipeline.domain.score import ScoreWeights
from creative_pipeline.resources.policies.scoring import ScoringPolicy
from creative_pipeline.scoring.formula import final_score
from creative_pipeline.scoring.ranking import ScoreCandidate, rank_winners
from creative_pipeline.settings import PROJECT_ROOT


def test_seed_dictionary_mirrors_the_domain_enums() -> None:
    seed = (PROJECT_ROOT / "supabase" / "seed.sql").read_text()
    in_seed: dict[str, set[str]] = {}
    for dimension, code in re.findall(r"\('(scene_setting|scene_subject|action|driver|format)', '([A-Z0-9]+)'", seed):
        in_seed.setdefault(dimension, set()).add(code)
    assert in_seed == {dim: {m.value for m in enum} for dim, enum in ABCD_DIMENSIONS.items()}


def test_default_formula_is_the_documented_one() -> None:
    assert final_score(80, 60, 40, ScoringPolicy().weights()) == pytest.approx(0.45 * 80 + 0.35 * 60 + 0.20 * 40)
    # weights given as percentages mean the same thing
    assert final_score(80, 60, 40, ScoreWeights(llm=45, trend=35, viral=20)) == pytest.approx(65.0)


def test_prior_only_moves_the_score_by_the_script_s_own_weight() -> None:
    weights = ScoringPolicy().weights()
    assert final_score(50, 50, 50, weights, prior=100) == 50  # no per-script weight: the seed formula
    assert final_score(50, 50, 50, weights, prior=100, prior_weight=0.2) == pytest.approx(60.0)


def test_ranking_tie_break_is_deterministic() -> None:
    rows = [ScoreCandidate(id=i, final=70, llm=60, viral=50) for i in ("c", "a", "b")]
    rows.append(ScoreCandidate(id="z", final=70, llm=61, viral=0))
    assert [r.id for r in rank_winners(rows, 3)] == ["z", "a", "b"]


@pytest.mark.parametrize(
    ("url", "uvp", "message"),
    [
        ("ftp://acme.com", "great", "http:// or https://"),
        ("javascript:alert(1)", "great", "http:// or https://"),
        ("https://acme.com", "   ", "empty"),
        ("https://acme.com", "x" * 1001, "under 1000"),
        ("https://", "great", "no host"),
    ],
)
def test_company_input_is_refused_with_a_clear_reason(url: str, uvp: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        CompanyIn(url=url, uvp=uvp)


def test_slugs_are_partition_safe() -> None:
    assert slugify("Brightbrew Coffee Co.") == "brightbrew-coffee-co"
    assert slugify("Crème Brûlée & Co") == "creme-brulee-co"
    assert slugify("!!!") == "company"
    assert len(slugify("a" * 200)) == 48


def test_near_misses_from_a_lax_server_are_clipped_not_rejected() -> None:
    from creative_pipeline.domain.brief import ImageBrief
    from creative_pipeline.domain.timed_script import TimedScriptBatch as ScriptBatch

    brief = ImageBrief(headline="word " * 40, cta="Buy", visual_description="v", composition="c",
                       palette=["#000000", "#FFFFFF"], variations=["a", "b", "c"])
    assert len(brief.headline) <= 90 and brief.headline.endswith("…") and brief.variations == ["a", "b"]
    hook = {"visual": "v", "on_screen_text": "s", "spoken": "k"}
    script = {"placement": "FEED", "duration_s": 8, "hook": hook, "hook_alternatives": [hook] * 4,
              "beats": [{"start_s": 0, "end_s": 4, "visual": "v", "spoken": "k", "on_screen_text": ""}] * 1
              + [{"start_s": 4, "end_s": 8, "visual": "v", "spoken": "b", "on_screen_text": ""}],
              "objection": "o", "cta_button": "LEARN_MORE", "cta_line": "c", "primary_text": "p" * 300,
              "headline": "word " * 20, "keywords": ["x"] * 9,
              "abcd": {"scene_setting": "HOME", "scene_subject": "SOLO", "action": "DEMO", "driver": "JOY", "format": "UGC"}}
    batch = ScriptBatch(scripts=[script] * 7)
    first = batch.scripts[0]
    assert len(batch.scripts) == 5 and len(first.keywords) == 5 and len(first.hook_alternatives) == 2
    assert len(first.primary_text) <= 125 and len(first.headline) <= 40 and first.headline.endswith("…")
    assert len(ScriptBatch(scripts=[script] * 3).scripts) == 3  # too few: kept, flagged by the checks
    with pytest.raises(ValidationError):
        ScriptBatch(scripts=[{**script, "abcd": {"scene_setting": "MOON"}}])  # wrong shape: re-prompted


def test_score_replies_map_by_ref_or_position() -> None:
    from creative_pipeline.assets.score_packs import map_pack
    from creative_pipeline.domain.score import ScoreItem, ScriptForScoring

    pack = [ScriptForScoring(ref=f"S{i}", persona="p", headline="h", hook="k", body="b", cta="c", keywords=[])
            for i in (1, 2, 3)]
    item = lambda ref, v: ScoreItem(ref=ref, rationale="r", hook=v, clarity=v, proof=v, persona_fit=v,  # noqa: E731
                                    platform_fit=v, cta=v, viral=v)
    assert {k: v.hook for k, v in map_pack(pack, [item("S3", 3), item("S1", 1)]).items()} == {"S3": 3, "S1": 1}
    by_position = map_pack(pack, [item("x", 1), item("y", 2)])
    assert {k: v.hook for k, v in by_position.items()} == {"S1": 1, "S2": 2}


@pytest.mark.parametrize("reply", ['{"a": 1}', '```json\n{"a": 1}\n```', 'Here you go:\n{"a": 1}', '  {"a": 1}  '])
def test_json_is_found_in_fenced_or_chatty_replies(reply: str) -> None:
    from creative_pipeline.resources.gemini.sdk.text_client import json_payload

    assert json_payload(reply) == '{"a": 1}'
