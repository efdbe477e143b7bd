"""The `scoring` resource: formula weights, winner count, and the performance prior (on by
default; its per-script weight grows with the evidence behind each script's match, up to
`prior_weight`, so a script without matched data keeps exactly the seed formula)."""

from __future__ import annotations

from collections.abc import Sequence

from dagster import ConfigurableResource

from creative_pipeline.domain.performance import EffectivenessEvidence
from creative_pipeline.domain.score import ScoreWeights
from creative_pipeline.scoring.formula import ScriptScore, final_score
from creative_pipeline.scoring.performance_prior import ScriptPrior, TaggedScript, compute_priors
from creative_pipeline.scoring.ranking import ScoreCandidate, rank_winners
from creative_pipeline.settings import setting


class ScoringPolicy(ConfigurableResource):
    weight_llm: float = setting("score_weight_llm")
    weight_trend: float = setting("score_weight_trend")
    weight_viral: float = setting("score_weight_viral")
    prior_weight: float = setting("performance_prior_weight")  # the most the prior may weigh; 0 = off
    winners_count: int = setting("winners_count")
    winner_selection: str = setting("winner_selection")  # "diverse" (quotas) or "top" (plain top N)

    def weights(self) -> ScoreWeights:
        return ScoreWeights(
            llm=self.weight_llm, trend=self.weight_trend, viral=self.weight_viral, performance_prior=self.prior_weight
        )

    @property
    def uses_prior(self) -> bool:
        """Whether the asset needs to read the evidence at all."""
        return self.prior_weight > 0

    def priors_for(
        self, evidence: list[EffectivenessEvidence], scripts: Sequence[TaggedScript]
    ) -> dict[str, ScriptPrior]:
        """script id -> its prior and weight, from learned insights; empty while off."""
        if not self.uses_prior:
            return {}
        return compute_priors(evidence, scripts, self.prior_weight)

    def winners_changed_by_prior(self, scores: list[ScriptScore]) -> int:
        """How many of the top N are there only because of the prior."""
        if self.prior_weight <= 0:
            return 0

        def ranked(use_prior: bool) -> set[str]:
            rows = [
                ScoreCandidate(id=str(s.script_id), llm=s.llm, viral=s.viral,
                               final=s.final if use_prior else final_score(s.llm, s.trend, s.viral, s.weights))
                for s in scores
            ]
            return {r.id for r in rank_winners(rows, self.winners_count)}

        return len(ranked(True) - ranked(False))
