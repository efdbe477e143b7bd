"""Said before the first paid call: can the company's budget cover the stages asked for?

The ceiling of each stage (`estimate_company`, list prices with the retry allowance) is held against
what the budget leaves. When it cannot cover them, nothing runs: the answer names the stages that
fit (in chain order) and the command that raises the budget — instead of a budget stop half-way
through a stage after money was spent. The offline provider spends nothing, so it always fits.
"""

from __future__ import annotations

import math

from pydantic import BaseModel

from creative_pipeline.services.estimate import CompanyEstimate


class BudgetPlan(BaseModel):
    company: str
    provider: str
    budget_usd: float | None  # None = no limit
    spent_usd: float
    remaining_usd: float | None
    asked: list[str]
    ceiling_usd: float  # the most the stages asked for can cost
    fits: list[str]  # the leading stages the remaining budget covers

    @property
    def enough(self) -> bool:
        return self.fits == self.asked

    @property
    def suggested_budget_usd(self) -> float:
        """A budget that covers what is spent plus the ceiling asked for, rounded up to the dollar."""
        return float(math.ceil(self.spent_usd + self.ceiling_usd))

    def refusal(self) -> str:
        """What to tell a person when the budget cannot cover the stages asked for (two lines)."""
        fits = (f"within it: {', '.join(self.fits)} — `creative-pipeline run {self.company} --through {self.fits[-1]}`"
                if self.fits else "not even the first paid stage fits")
        return (f"budget: {self.company} has ${self.remaining_usd or 0:.4f} left of its ${self.budget_usd or 0:.2f} budget "
                f"(${self.spent_usd:.4f} spent); the {len(self.asked)} stage(s) asked for may cost up to "
                f"${self.ceiling_usd:.4f} at list prices, so nothing was run.\n"
                f"{fits}; or raise the budget: `creative-pipeline set-budget {self.company} "
                f"{self.suggested_budget_usd:.2f}`")


def plan(estimate: CompanyEstimate, asked: list[str]) -> BudgetPlan:
    ceilings = [estimate.stages[s].usd if s in estimate.stages else 0.0 for s in asked]
    remaining = estimate.remaining_usd
    fits: list[str] = []
    if estimate.provider == "offline" or remaining is None:
        fits = list(asked)
    else:
        total = 0.0
        for stage, usd in zip(asked, ceilings):
            total += usd
            if total > remaining + 1e-9:
                break
            fits.append(stage)
    return BudgetPlan(company=estimate.company, provider=estimate.provider, budget_usd=estimate.budget_usd,
                      spent_usd=estimate.spent_usd, remaining_usd=remaining, asked=list(asked),
                      ceiling_usd=round(sum(ceilings), 4), fits=fits)
