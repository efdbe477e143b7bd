"""Stage 5: the top N scripts by final score among those that may run (compliance GREEN or
YELLOW, after reviewers' overrides), flagged on `scripts` with their rank.

RED scripts never win. YELLOW winners are marked in the metadata (and in `show`, `review`,
`export`) so a person looks twice. When fewer than N scripts qualify, all that qualify win and
the metadata says so.
"""

from collections import Counter

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from creative_pipeline.assets.script_compliance import script_compliance
from creative_pipeline.assets.script_scores import script_scores
from creative_pipeline.assets.support import md_table, one_writer_per_company, partition_company, require_upstream
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.supabase.repositories.compliance import load_compliance
from creative_pipeline.resources.supabase.repositories.scripts import load_scripts, mark_winners
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.resources.policies.scoring import ScoringPolicy
from creative_pipeline.scoring.ranking import rank_winners

MAY_WIN = ("GREEN", "YELLOW")


@asset(partitions_def=company_partitions, deps=[script_scores, script_compliance], description=__doc__,
       group_name="generation", kinds={"postgres"})
@one_writer_per_company
def winners(context: AssetExecutionContext, supabase: SupabaseResource, scoring: ScoringPolicy) -> MaterializeResult:
    db = supabase.db()
    company = partition_company(context, db)
    n = scoring.winners_count
    with db.transaction() as conn:
        scripts = load_scripts(conn, company.id)
        verdicts = require_upstream(load_compliance(conn, company.id), company, "compliance verdicts", "script_compliance")
        verdict_of = {sid: verdicts[sid].verdict if sid in verdicts else "unchecked" for sid in (str(s.id) for s in scripts)}
        eligible = [s for s in scripts if verdict_of[str(s.id)] in MAY_WIN and s.final is not None]
        ranked = rank_winners(eligible, n)
        mark_winners(conn, company.id, [r.id for r in ranked])
    counts = Counter(verdict_of.values())
    shown = {r.id: verdict_of[str(r.id)] for r in ranked}
    short = (f"only {len(eligible)} scored scripts are GREEN or YELLOW: {len(ranked)} winners instead of {n}"
             if len(ranked) < n else "")
    if short:
        context.log.warning(short)
    return MaterializeResult(
        metadata={
            "winners": len(ranked),
            "winners_wanted": n,
            "eligible_scripts": len(eligible),
            "excluded_red_scripts": counts["RED"],
            "yellow_winners": sum(1 for v in shown.values() if v == "YELLOW"),
            "fewer_winners_than_wanted": short or "no",
            "best_final": ranked[0].final if ranked else 0.0,
            "cutoff_final": ranked[-1].final if ranked else 0.0,
            "personas_among_winners": len({r.persona_name for r in ranked}),
            "winners_table": MetadataValue.md(md_table(
                ["rank", "compliance", "final", "llm", "trend", "viral", "persona", "headline", "ABCD"],
                [[i, "⚠ YELLOW — look twice" if shown[r.id] == "YELLOW" else "GREEN", r.final, r.llm,
                  f"{r.trend:.0f}", r.viral, r.persona_name, r.headline[:60],
                  f"{r.scene_setting}/{r.scene_subject}/{r.action}/{r.driver}/{r.format}"]
                 for i, r in enumerate(ranked, 1)],
            )),
        }
    )
