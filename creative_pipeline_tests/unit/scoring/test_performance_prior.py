"""The prior is pure: evidence rows in, priors out; the company's own evidence wins over the
portfolio's for the same value."""

from types import SimpleNamespace
from uuid import uuid4

from creative_pipeline.domain.performance import EffectivenessEvidence
from creative_pipeline.scoring.performance_prior import compute_priors
from creative_pipeline.resources.policies.scoring import ScoringPolicy

SCRIPT = SimpleNamespace(id="s1", persona_archetype="Busy Parent", scene_setting="KITCHEN", scene_subject="PARENT",
                         action="DEMO", driver="FOMO", format="UGC")


def test_no_evidence_is_neutral_and_the_policy_reads_nothing_while_off() -> None:
    assert compute_priors([], [SCRIPT]) == {"s1": 50}
    assert not ScoringPolicy().uses_prior
    assert ScoringPolicy().priors_for([EffectivenessEvidence(dimension="driver", key="FOMO", ctr_lift=1, confidence=1)],
                                      [SCRIPT]) == {}


def test_values_match_case_insensitively_and_the_company_row_wins() -> None:
    portfolio = EffectivenessEvidence(dimension="driver", key="fomo", ctr_lift=-1.0, confidence=0.9)
    own = EffectivenessEvidence(dimension="driver", key="FOMO", ctr_lift=1.0, confidence=0.9, company_id=uuid4())
    assert compute_priors([portfolio], [SCRIPT])["s1"] < 20
    assert compute_priors([portfolio, own], [SCRIPT])["s1"] > 80
    assert ScoringPolicy(prior_weight=0.3).priors_for([own], [SCRIPT])["s1"] > 80
