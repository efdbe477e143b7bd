"""The angle plan: what the page supports, filling in, assignment angle x persona, vocabularies in data."""

import re
from collections import Counter

from creative_pipeline.domain.angle_plan import PlannedAngle, assign, default_angle, finalise, page_support
from creative_pipeline.domain.company import CompanyContext
from creative_pipeline.domain.vocabulary import VOCABULARIES, Angle
from creative_pipeline.settings import PROJECT_ROOT


def test_angles_that_need_missing_proof_are_skipped_with_a_reason() -> None:
    bare = page_support(CompanyContext(main_text="Cold brew concentrate, delivered."), "Cafe taste at home.")
    skipped = {a for a, r in bare.items() if r}
    assert skipped == {Angle.SOCIAL_PROOF, Angle.OFFER_LED, Angle.FOUNDER_STORY}
    assert "no reviews" in bare[Angle.SOCIAL_PROOF] and "no offer" in bare[Angle.OFFER_LED]
    rich = page_support(CompanyContext(main_text="Loved by 12,000 home baristas. Our story: we started in 2019.",
                                       offer="First box 50% off"), "")
    assert not any(rich.values())


def test_the_plan_keeps_supported_angles_fills_the_rest_and_never_has_fewer_than_five() -> None:
    support = page_support(CompanyContext(main_text="plain"), "")
    proposed = [default_angle(Angle.SOCIAL_PROOF), PlannedAngle(angle=Angle.DEMO_FIRST, messenger="hands", format="REEL",
                                                                 idea="pour and go"), default_angle(Angle.DEMO_FIRST)]
    plan = finalise(proposed, support)
    angles = [p.angle for p in plan.angles]
    assert angles[0] == Angle.DEMO_FIRST and plan.angles[0].idea == "pour and go"  # the model's take, first
    assert len(angles) == 7 and len(set(angles)) == 7 and Angle.SOCIAL_PROOF not in angles
    assert "proposed by the plan" in plan.skipped["SOCIAL_PROOF"] and "OFFER_LED" in plan.skipped
    full = finalise([], {a: None for a in Angle})
    assert len(full.angles) == 10 and len(full.filled_in) == 10


def test_assignment_gives_each_persona_distinct_angles_and_spreads_them() -> None:
    plan = finalise([], {a: None for a in Angle}).angles
    grid = assign(plan, 5)
    assert all(len({a.angle for a in row}) == 4 for row in grid)
    uses = Counter(a.angle for row in grid for a in row)
    assert len(uses) == 10 and set(uses.values()) == {2}
    eight = assign(plan[:8], 5)
    assert len({a.angle for row in eight for a in row}) == 8 and all(len({a.angle for a in r}) == 4 for r in eight)


def test_seed_vocabulary_mirrors_the_domain() -> None:
    seed = (PROJECT_ROOT / "supabase" / "seed.sql").read_text()
    in_seed: dict[str, dict[str, str]] = {}
    for dimension, code, label in re.findall(r"\('(angle|placement|cta_button)', '([A-Z0-9_]+)', '((?:[^']|'')*)'", seed):
        in_seed.setdefault(dimension, {})[code] = label.replace("''", "'")
    assert in_seed == VOCABULARIES
