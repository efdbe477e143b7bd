"""Stage 5: the top N scripts by final score, flagged on `scripts` with their rank."""


from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from creative_pipeline.assets.script_scores import script_scores
from creative_pipeline.assets.support import md_table, partition_company
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories.scripts import load_scripts, mark_winners
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.scoring.policy import ScoringPolicy
from creative_pipeline.scoring.ranking import rank_winners


@asset(partitions_def=company_partitions, deps=[script_scores], group_name="generation", kinds={"postgres"})
def winners(context: AssetExecutionContext, supabase: SupabaseResource, scoring: ScoringPolicy) -> MaterializeResult:
    db = supabase.db()
    company = partition_company(context, db)
    with db.transaction() as conn:
        ranked = rank_winners(load_scripts(conn, company.id), scoring.winners_count)
        mark_winners(conn, company.id, [r["id"] for r in ranked])
    return MaterializeResult(
        metadata={
            "winners": len(ranked),
            "best_final": ranked[0]["final"] if ranked else 0.0,
            "cutoff_final": ranked[-1]["final"] if ranked else 0.0,
            "personas_among_winners": len({r["persona_name"] for r in ranked}),
            "winners_table": MetadataValue.md(md_table(
                ["rank", "final", "llm", "trend", "viral", "persona", "headline", "ABCD"],
                [[i, r["final"], r["llm"], f"{r['trend']:.0f}", r["viral"], r["persona_name"], r["headline"][:60],
                  f"{r['scene_setting']}/{r['scene_subject']}/{r['action']}/{r['driver']}/{r['format']}"]
                 for i, r in enumerate(ranked, 1)],
            )),
        }
    )
