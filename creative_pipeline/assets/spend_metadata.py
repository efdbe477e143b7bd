"""What is still to be spent, in the metadata of the stage before the expensive ones: the UI
shows the ceiling of ad_images (after creative_briefs) and of ad_videos (after ad_images) next to
what the company has spent and its budget, before anyone launches them."""

from dagster import MetadataValue

from creative_pipeline.assets.support import md_table
from creative_pipeline.domain.company import Company
from creative_pipeline.resources.policies.media import MediaPolicy
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.spend.estimate_inputs import company_estimate
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.budget import company_spend


def cost_ahead(db: Database, company: Company, gemini: GenerationResource, media: MediaPolicy,
               stages: list[str]) -> dict[str, MetadataValue]:
    with db.transaction() as conn:
        chain, basis = company_estimate(conn, company, models=gemini.models_by_kind(), max_attempts=gemini.max_attempts,
                                        winners=0, media=media, image_size=gemini.image_size)
        spend = company_spend(conn, company.id, gemini.company_budget_usd or None)
    ahead = {name: chain.stages[name] for name in stages}
    budget = "no limit" if spend.budget_usd is None else f"${spend.budget_usd:.2f}"
    return {
        "cost_ahead_usd": MetadataValue.float(round(sum(s.usd for s in ahead.values()), 4)),
        "cost_ahead": MetadataValue.md(md_table(
            ["next stage", "at most (USD, list prices)", "model", "basis"],
            [[name, f"{s.usd:.4f}", s.model, s.basis + (f"; videos: {basis}" if name == "ad_videos" else "")]
             for name, s in ahead.items()],
        ) + f"\n\nspent so far ${spend.spent_usd:.4f} of {budget}" + (
            " (offline provider: nothing is billed)" if not gemini.live else "")),
        "spent_usd": MetadataValue.float(round(spend.spent_usd, 4)),
        "budget_usd": MetadataValue.text(budget),
    }
