"""The prior is pure: evidence rows in, priors and weights out; the company's own evidence wins
over the portfolio's for the same value; no matched evidence leaves the seed formula exact."""

from types import SimpleNamespace
from uuid import uuid4

import pytest

from creative_pipeline.domain.performance import EffectivenessEvidence
from creative_pipeline.domain.score import ScoreWeights
from creative_pipeline.resources.policies.scoring import ScoringPolicy
from creative_pipeline.scoring.formula import final_score
from creative_pipeline.scoring.performance_prior import compute_priors, evidence_strength

SCRIPT = SimpleNamespace(id="s1", persona_archetype="Busy Parent", scene_setting="KITCHEN", scene_subject="PARENT",
                         action="DEMO", driver="FOMO", format="UGC")
WEIGHTS = ScoreWeights(llm=0.45, trend=0.35, viral=0.20, performance_prior=0.3)


def evidence(dim: str, key: str, lift: float, conf: float, **kw: object) -> EffectivenessEvidence:
    return EffectivenessEvidence(dimension=dim, key=key, ctr_lift=lift, confidence=conf, **kw)


def test_no_matched_evidence_means_no_prior_weight_zero_and_exactly_the_seed_formula() -> None:
    other = evidence("driver", "JOY", 2.0, 0.99)  # evidence about a value this script does not have
    [prior] = compute_priors([other], [SCRIPT], 0.3).values()
    assert prior.prior is None and prior.weight == 0 and prior.evidence == [] and prior.impressions == 0
    seed = (0.45 * 70 + 0.35 * 40 + 0.20 * 10)
    assert final_score(70, 40, 10, WEIGHTS, prior.prior, prior.weight) == pytest.approx(seed)
    assert final_score(70, 40, 10, WEIGHTS, 95.0, 0.0) == pytest.approx(seed)  # weight 0: the prior is ignored


def test_the_weight_grows_with_the_evidence_behind_the_match() -> None:
    assert evidence_strength([]) == 0
    assert evidence_strength([0.5, 0.5]) == pytest.approx(0.75)  # independent pieces, not a sum
    weak = compute_priors([evidence("driver", "FOMO", 1.0, 0.05)], [SCRIPT], 0.3)["s1"]
    strong = compute_priors([evidence("driver", "FOMO", 1.0, 0.9)], [SCRIPT], 0.3)["s1"]
    both = compute_priors([evidence("driver", "FOMO", 1.0, 0.9), evidence("format", "UGC", 1.0, 0.9)],
                          [SCRIPT], 0.3)["s1"]
    assert weak.weight == pytest.approx(0.015) and strong.weight == pytest.approx(0.27)
    assert both.weight == pytest.approx(0.3 * 0.99) and both.weight <= 0.3
    # final = (1-w)*seed + w*prior, hand-computed for the strong case
    seed = 0.45 * 60 + 0.35 * 50 + 0.20 * 40
    assert final_score(60, 50, 40, WEIGHTS, strong.prior, strong.weight) == pytest.approx(
        0.73 * seed + 0.27 * strong.prior, abs=1e-3)


def test_the_evidence_used_is_kept_with_impressions_and_creatives_of_the_largest_match() -> None:
    rows = [evidence("driver", "fomo", 0.5, 0.6, impressions=120_000, n_creatives=14),
            evidence("persona", "busy parent", -0.2, 0.3, impressions=40_000, n_creatives=30)]
    prior = compute_priors(rows, [SCRIPT], 0.3)["s1"]
    assert prior.impressions == 120_000 and prior.creatives == 30
    assert {(m.dimension, m.key) for m in prior.evidence} == {("driver", "FOMO"), ("persona", "Busy Parent")}


def test_values_match_case_insensitively_and_the_company_row_wins() -> None:
    portfolio = evidence("driver", "fomo", -1.0, 0.9)
    own = evidence("driver", "FOMO", 1.0, 0.9, company_id=uuid4())
    assert compute_priors([portfolio], [SCRIPT], 0.3)["s1"].prior < 20
    assert compute_priors([portfolio, own], [SCRIPT], 0.3)["s1"].prior > 80
    assert ScoringPolicy(prior_weight=0.3).priors_for([own], [SCRIPT])["s1"].prior > 80


def test_the_prior_is_on_by_default_and_off_reads_nothing() -> None:
    assert ScoringPolicy().uses_prior and ScoringPolicy().prior_weight == 0.3
    off = ScoringPolicy(prior_weight=0.0)
    assert not off.uses_prior and off.priors_for([evidence("driver", "FOMO", 1, 1)], [SCRIPT]) == {}
