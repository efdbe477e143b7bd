"""Stage 4: trend, LLM and viral scores per script, the performance prior, and the final score.

LLM and viral: a rubric (hook, clarity, proof, persona fit, platform fit, CTA; 0-10 against
written anchors, rationale first) in packs that mix personas and carry two anchor scripts with
known scores, so every pack is remapped onto one scale; the scorer sees each script whole, its
persona's pains and objections, and curated ad patterns of the company's vertical. Trend: at most
TRENDS_MAX_KEYWORDS keywords per company from the cached `trends` resource, each script's part
from its lexical overlap with them (a flagged neutral 50 only when Trends answered nothing). The
performance prior weighs in per script as far as real results match it. Scores are replaced only
when every script has one, else the step fails naming the unscored scripts and the previous
scores (and winners) stay. See docs/scoring.md.
"""

import asyncio
import statistics

from dagster import AssetDep, AssetExecutionContext, LastPartitionMapping, MaterializeResult, MetadataValue, asset

from creative_pipeline.assets.ad_scripts import ad_scripts
from creative_pipeline.assets.score_packs import SCORE_PACK, score_every_script
from creative_pipeline.assets.support import (
    PROVIDER_RETRY,
    ProviderStep,
    company_brief,
    md_table,
    models_metadata,
    one_writer_per_company,
    partition_company,
    require_upstream,
    run_async,
)
from creative_pipeline.partitions import company_partitions
from creative_pipeline.prompts.ad_patterns import examples_for, infer_vertical_of
from creative_pipeline.prompts.renderer import template_version
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.policies.scoring import ScoringPolicy
from creative_pipeline.resources.supabase.repositories.insights import effectiveness_evidence
from creative_pipeline.resources.supabase.repositories.reference import viral_examples
from creative_pipeline.resources.supabase.repositories.scores import replace_scores
from creative_pipeline.resources.supabase.repositories.scripts import load_scripts
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.resources.trends.resource import TrendsResource
from creative_pipeline.scoring.anchors import anchor_scripts
from creative_pipeline.scoring.formula import ScriptScore, final_score
from creative_pipeline.scoring.performance_prior import ScriptPrior
from creative_pipeline.scoring.script_view import mixed_order, scoring_view, view_text
from creative_pipeline.scoring.trend_keywords import script_trend, select_keywords

EXAMPLES_PER_PROMPT = 6


@asset(
    partitions_def=company_partitions, pool="gemini_text", retry_policy=PROVIDER_RETRY,
    # reads the newest insights (the performance prior): the last daily partition
    deps=[ad_scripts, AssetDep("performance_insights", partition_mapping=LastPartitionMapping())],
    description=__doc__,  # the module's docstring: what the stage makes and why, shown in the UI
    group_name="generation", kinds={"gemini", "postgres"},
)
@one_writer_per_company
def script_scores(
    context: AssetExecutionContext, supabase: SupabaseResource, gemini: GenerationResource, trends: TrendsResource,
    scoring: ScoringPolicy,
) -> MaterializeResult:
    db = supabase.db()
    company = partition_company(context, db)
    with db.transaction() as conn:
        rows = load_scripts(conn, company.id)
        patterns = viral_examples(conn)
    require_upstream(rows, company, "scripts", "ad_scripts")
    brief = company_brief(db, company)
    examples = examples_for(brief, EXAMPLES_PER_PROMPT, patterns or None)
    refs = {f"S{i}": row for i, row in enumerate(rows, start=1)}
    views = {ref: scoring_view(ref, row) for ref, row in refs.items()}
    order = mixed_order(list(refs), [str(r.persona_id) for r in refs.values()])
    first = views[order[0]]
    anchors = anchor_scripts((f"S{len(rows) + 1}", f"S{len(rows) + 2}"), company.name, company.uvp, first.persona,
                             first.persona_pains, first.persona_objections)
    keywords = select_keywords(brief.context.keywords, [r.keywords for r in rows], trends.max_keywords)
    with ProviderStep(db, company, gemini, "script_scores") as step:
        generator = step.generator

        async def score_and_trend() -> tuple:  # Trends (blocking, throttled) runs beside the LLM packs
            return await asyncio.gather(
                score_every_script(generator, brief, [views[r] for r in order], anchors, examples),
                asyncio.to_thread(trends.keyword_scores, keywords, db, step.ledger),
            )

        llm_scores, keyword_trends = run_async(score_and_trend())
    weights = scoring.weights()
    with db.transaction() as conn:
        evidence = effectiveness_evidence(conn, company.id) if scoring.uses_prior else []
    priors = scoring.priors_for(evidence, rows)
    version = template_version("score_scripts")
    scores: list[ScriptScore] = []
    for ref, row in refs.items():
        judged = llm_scores[ref]
        trend = script_trend(view_text(views[ref]), keyword_trends)
        p = priors.get(str(row.id), ScriptPrior())
        scores.append(ScriptScore(
            script_id=row.id, trend=trend.score, trend_status=trend.status, trend_keywords=trend.matched,
            llm=judged.llm, llm_raw=judged.llm_raw, calibration=judged.calibration_label,
            rubric={**judged.item.rubric(), "viral": judged.item.viral, "pattern": judged.item.pattern},
            viral=judged.viral, performance_prior=p.prior, prior_weight=p.weight, prior_impressions=p.impressions,
            prior_creatives=p.creatives, prior_evidence=[m.model_dump() for m in p.evidence],
            final=final_score(judged.llm, trend.score, judged.viral, weights, p.prior, p.weight),
            weights=weights, rationale=judged.item.rationale, provider=generator.provider, model=judged.origin.model,
            template_version=f"score_scripts.{version}", fallback_reason=judged.origin.fallback_reason,
        ))
    with db.transaction() as conn:
        replace_scores(conn, company.id, scores)
    return MaterializeResult(metadata=_metadata(scores, rows, keywords, keyword_trends, scoring, generator, llm_scores,
                                                step.usage, examples, brief))


def _spread(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"min": round(ordered[0], 2), "p25": round(ordered[len(ordered) // 4], 2),
            "median": round(statistics.median(ordered), 2), "p75": round(ordered[(3 * len(ordered)) // 4], 2),
            "max": round(ordered[-1], 2), "stdev": round(statistics.pstdev(ordered), 2)}


def _metadata(scores, rows, keywords, keyword_trends, scoring, generator, llm_scores, usage, examples, brief) -> dict:
    """What a reviewer checks in the UI: how much of each part is real, the spread, the top 10."""
    by_id = {str(r.id): r for r in rows}
    top = sorted(scores, key=lambda s: -s.final)[:10]
    weights = scoring.weights()
    return {
        "scored_scripts": len(scores),
        "unscored_scripts": len(rows) - len(scores),
        "template_version": scores[0].template_version if scores else "",
        "score_pack_size": SCORE_PACK,
        "anchored_scripts": sum(1 for s in scores if s.calibration == "anchored"),
        "raw_scripts": MetadataValue.json(sorted({s.calibration for s in scores if s.calibration != "anchored"})),
        "final_spread": MetadataValue.json(_spread([s.final for s in scores])),
        "llm_spread": MetadataValue.json(_spread([s.llm for s in scores])),
        "vertical": infer_vertical_of(brief),
        "example_patterns": MetadataValue.json([e.key or e.hook[:40] for e in examples]),
        "trend_unavailable_scripts": sum(1 for s in scores if s.trend_status == "unavailable"),
        "trend_keywords_asked": len(keywords),
        "trend_keywords_answered": sum(1 for t in keyword_trends.values() if t.available),
        # a real trend value: Trends answered and the script matched at least one asked keyword
        "scripts_with_real_trend": sum(1 for s in scores if s.trend_status != "unavailable" and s.trend_keywords),
        "weights": MetadataValue.json(weights.model_dump()),
        "performance_prior": "on" if weights.performance_prior > 0 else "off",
        "scripts_with_prior": sum(1 for s in scores if s.prior_weight > 0),
        "mean_prior_weight": round(sum(s.prior_weight for s in scores) / max(len(scores), 1), 4),
        "winners_changed_by_prior": scoring.winners_changed_by_prior(scores),
        "mean_final": round(sum(s.final for s in scores) / max(len(scores), 1), 2),
        "provider": generator.provider,
        **models_metadata([p.origin for p in llm_scores.values()], generator.text_model),
        **usage,
        "top_scripts": MetadataValue.md(md_table(
            ["final", "llm", "trend", "viral", "prior w", "persona", "hook"],
            [[s.final, s.llm, f"{s.trend:.0f} ({s.trend_status})", s.viral, s.prior_weight,
              by_id[str(s.script_id)].persona_name, by_id[str(s.script_id)].hook[:80]] for s in top],
        )),
    }
