"""Stage 5: the N winners, best-first under diversity quotas, among the scripts that may run.

Hard gates first: a script may not win when compliance says RED (after reviewers' overrides),
when it carries a reason from `ad_scripts` (a claim not on the page, an overrun, the brand too
late, no CTA), or when it is unscored. Then `scoring/winner_selection.py` picks (default
`WINNER_SELECTION=diverse`: ≤ 2 per persona, ≥ 3 angles, ≥ 3 formats, no near-duplicate hooks,
relaxed in a documented order only when the set would otherwise be short; `top`: the plain top
N). The metadata says which rule passed over which higher-scoring script, and the spread.
YELLOW winners are marked so a person looks twice. Fewer than N winners only when fewer than N
scripts are eligible.
"""

from collections import Counter

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from creative_pipeline.assets.script_compliance import script_compliance
from creative_pipeline.assets.script_scores import script_scores
from creative_pipeline.assets.support import md_table, one_writer_per_company, partition_company, require_upstream
from creative_pipeline.domain.script import StoredScript
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.policies.scoring import ScoringPolicy
from creative_pipeline.resources.supabase.repositories.compliance import load_compliance
from creative_pipeline.resources.supabase.repositories.scripts import load_scripts, mark_winners
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.scoring.winner_selection import Candidate, select_winners, spread

MAY_WIN = ("GREEN", "YELLOW")


def candidate(s: StoredScript) -> Candidate:
    hook = " ".join(filter(None, [(s.timed.get("hook") or {}).get("on_screen_text", ""), s.hook]))
    return Candidate(id=str(s.id), final=float(s.final or 0), llm=float(s.llm or 0), viral=float(s.viral or 0),
                     persona=s.persona_name, angle=s.angle or "unknown", format=s.format, hook=hook)


def gate(s: StoredScript, verdict: str) -> str | None:
    """Why a script may not win (None: it may)."""
    if verdict not in MAY_WIN:
        return f"compliance {verdict}"
    if s.final is None:
        return "not scored"
    if s.ineligible_reasons:
        return s.ineligible_reasons[0].split(":")[0]
    return None if s.may_win else "no CTA"


@asset(partitions_def=company_partitions, deps=[script_scores, script_compliance], description=__doc__,
       group_name="generation", kinds={"postgres"})
@one_writer_per_company
def winners(context: AssetExecutionContext, supabase: SupabaseResource, scoring: ScoringPolicy) -> MaterializeResult:
    db = supabase.db()
    company = partition_company(context, db)
    n = scoring.winners_count
    mode = "top" if scoring.winner_selection == "top" else "diverse"
    with db.transaction() as conn:
        scripts = load_scripts(conn, company.id)
        verdicts = require_upstream(load_compliance(conn, company.id), company, "compliance verdicts", "script_compliance")
        verdict_of = {str(s.id): verdicts[str(s.id)].verdict if str(s.id) in verdicts else "unchecked" for s in scripts}
        gates = {str(s.id): gate(s, verdict_of[str(s.id)]) for s in scripts}
        eligible = [candidate(s) for s in scripts if gates[str(s.id)] is None]
        chosen = select_winners(eligible, n, mode)
        by_id = {str(s.id): s for s in scripts}
        mark_winners(conn, company.id, [by_id[w].id for w in chosen.winners])
    ranked = [by_id[w] for w in chosen.winners]
    short = (f"only {len(eligible)} scripts may win: {len(ranked)} winners instead of {n}" if len(ranked) < n else "")
    if short:
        context.log.warning(short)
    spread_of = spread(eligible, chosen.winners)
    return MaterializeResult(
        metadata={
            "winners": len(ranked),
            "winners_wanted": n,
            "selection": mode,
            "eligible_scripts": len(eligible),
            "not_eligible": MetadataValue.json(dict(Counter(g for g in gates.values() if g))),
            "excluded_red_scripts": sum(1 for v in verdict_of.values() if v == "RED"),
            "quotas_relaxed": "; ".join(chosen.relaxed) or "none",
            "yellow_winners": sum(1 for r in ranked if verdict_of[str(r.id)] == "YELLOW"),
            "fewer_winners_than_wanted": short or "no",
            "best_final": ranked[0].final if ranked else 0.0,
            "cutoff_final": ranked[-1].final if ranked else 0.0,
            "personas_among_winners": len(spread_of["persona"]),
            "angles_among_winners": len(spread_of["angle"]),
            "formats_among_winners": len(spread_of["format"]),
            "winner_spread": MetadataValue.json(spread_of),
            "passed_over": MetadataValue.md(md_table(
                ["script", "final", "persona", "angle", "format", "rule"],
                [[p.script[:8], round(p.final, 1), by_id[p.script].persona_name, by_id[p.script].angle,
                  by_id[p.script].format, p.rule] for p in chosen.passed_over],
            ) if chosen.passed_over else "no higher-scoring script was passed over"),
            "winners_table": MetadataValue.md(md_table(
                ["rank", "compliance", "final", "llm", "trend", "viral", "persona", "angle", "placement", "headline",
                 "ABCD"],
                [[i, "⚠ YELLOW — look twice" if verdict_of[str(r.id)] == "YELLOW" else "GREEN", r.final, r.llm,
                  f"{r.trend:.0f}", r.viral, r.persona_name, r.angle, r.placement or "", r.headline[:60],
                  f"{r.scene_setting}/{r.scene_subject}/{r.action}/{r.driver}/{r.format}"]
                 for i, r in enumerate(ranked, 1)],
            )),
        }
    )
