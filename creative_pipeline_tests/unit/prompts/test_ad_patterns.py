"""The curated ad patterns: enough, described, honest, mirrored in seed.sql, retrieved by vertical."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from creative_pipeline.domain.company import CompanyContext
from creative_pipeline.prompts.ad_patterns import examples_for, infer_vertical, load_patterns, seed_sql
from creative_pipeline.prompts.renderer import literal, render, template_version
from creative_pipeline.resources.gemini.content import CompanyBrief
from creative_pipeline.resources.gemini.sdk.live_generator import _writing_patterns

SEED = Path(__file__).resolve().parents[3] / "supabase" / "seed.sql"


def test_thirty_to_fifty_described_patterns_across_at_least_ten_verticals() -> None:
    patterns = load_patterns()
    assert 30 <= len(patterns) <= 50
    verticals = Counter(p.vertical for p in patterns)
    assert len(verticals) >= 10 and min(verticals.values()) >= 3
    assert len({p.key for p in patterns}) == len(patterns) and len({p.hook for p in patterns}) == len(patterns)
    for p in patterns:
        assert p.hook and len(p.first_frame) > 20 and "->" in p.body and len(p.why_it_worked) > 30, p.key


def test_no_pattern_carries_metrics_or_results() -> None:
    metric = re.compile(r"\d[\d,.]*\s*(%|k\b|m\b|views|clicks|ctr|roas|x\b|percent|million|sales)|ctr|roas|conversion rate",
                        re.IGNORECASE)
    for p in load_patterns():
        text = " ".join([p.hook, p.first_frame, p.body, p.why_it_worked])
        assert not metric.search(text), (p.key, metric.search(text))


def test_seed_sql_carries_exactly_the_patterns_file_and_drops_the_made_up_one_liners() -> None:
    seed = SEED.read_text()
    block = seed.split("-- BEGIN ad patterns\n", 1)[1].split("-- END ad patterns", 1)[0]
    assert block == seed_sql()
    assert '"views"' not in seed and '"ctr"' not in seed


def test_the_vertical_comes_from_the_company_s_own_words() -> None:
    assert infer_vertical("Cold brew coffee delivered, cafe taste at home") == "food_beverage"
    assert infer_vertical("Budgeting app: see your spending and savings") == "finance"
    assert infer_vertical("Project dashboard for remote teams, workflow automation") == "saas"
    assert infer_vertical("Grain-free treats your dog will love") == "pets"
    assert infer_vertical("Something else entirely") == "general"


def test_examples_for_puts_the_vertical_first_then_general_ones() -> None:
    context = CompanyContext(title="PawPantry", keywords=["dog treats", "puppy food", "pet"])
    picked = examples_for(context, 6)
    assert [p.vertical for p in picked] == ["pets"] * 3 + ["general"] * 3
    assert examples_for(context, 6) == picked  # deterministic
    assert len(examples_for("anything", 0)) == 0
    saas = examples_for("A workflow automation platform for teams", 4)
    assert {p.vertical for p in saas} == {"saas"}


def test_the_script_prompt_carries_the_vertical_s_patterns_as_structure_outside_any_fence() -> None:
    company = CompanyBrief(slug="paw", name="PawPantry", uvp="Grain-free treats your dog will love",
                           context=CompanyContext(title="PawPantry", keywords=["dog treats", "puppy food", "pet"]))
    patterns = _writing_patterns(company)
    pets = [p for p in load_patterns() if p.vertical == "pets"]
    assert len(patterns) == 4 and [p["hook"] for p in patterns[:3]] == [p.hook for p in pets]
    assert set(patterns[0]) == {"platform", "hook", "first_frame", "structure", "why_it_works"}
    text = render("script_batch", angle_title="t", angle_instructions="i", angle_idea="idea", messenger="creator",
                  format="UGC", company_name="PawPantry", uvp="u", offer=literal("(none)"),
                  proof_points=literal("(none)"), persona={"name": "P"}, context="ctx", cta_buttons="LEARN_MORE",
                  notes=literal(""), vertical="pets", patterns=patterns).text
    assert template_version("script_batch") == "v3"
    assert "vertical (pets), for STRUCTURE only" in text and "Do not copy their wording" in text
    assert "do not claim results for this company" in text
    outside = re.sub(r"<untrusted-[0-9a-f]+ .*?</untrusted-[0-9a-f]+>", "", text, flags=re.DOTALL)
    for p in pets:  # our own data: inserted as is, not fenced as page text
        assert p.hook in outside and p.first_frame in outside and p.why_it_worked in outside
