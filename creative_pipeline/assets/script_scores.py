"""Stage 4: trend, LLM and viral scores per script, and the weighted final score.

Scripts are scored in packs (one call scores `SCORE_PACK` scripts) against few-shot viral
examples; Trends scores come from the cached `trends` resource and degrade to a neutral,
flagged 50 when Trends cannot answer. Scripts a short reply left out are asked again in smaller
packs (`complete_set`); the scores are replaced only when every script has one, else the step
fails naming the unscored scripts and the previous scores (and winners) stay.
"""


import asyncio

from dagster import AssetDep, AssetExecutionContext, LastPartitionMapping, MaterializeResult, MetadataValue, asset

from creative_pipeline.assets.ad_scripts import ad_scripts
from creative_pipeline.assets.support import (
    PROVIDER_RETRY,
    ProviderStep,
    company_brief,
    md_table,
    complete_set,
    models_metadata,
    one_writer_per_company,
    partition_company,
    require_complete,
    require_upstream,
    run_async,
)
from creative_pipeline.domain.provenance import Provenance
from creative_pipeline.domain.score import ScoreItem
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.gemini.content import CompanyBrief, ContentGenerator, ScriptForScoring, ViralExample
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.supabase.repositories.insights import effectiveness_evidence
from creative_pipeline.resources.supabase.repositories.reference import viral_examples
from creative_pipeline.resources.supabase.repositories.scores import replace_scores
from creative_pipeline.resources.supabase.repositories.scripts import load_scripts
from creative_pipeline.resources.supabase.resource import SupabaseResource
from creative_pipeline.resources.trends.resource import TrendsResource
from creative_pipeline.scoring.formula import ScriptScore, final_score
from creative_pipeline.scoring.performance_prior import ScriptPrior
from creative_pipeline.resources.policies.scoring import ScoringPolicy
from creative_pipeline.scoring.trend_keywords import script_trend, select_keywords

SCORE_PACK = 20


def map_pack(pack: list[ScriptForScoring], items: list[ScoreItem]) -> dict[str, ScoreItem]:
    """By `ref` when the reply's refs are ours and unique, else by position (the schema asks for
    one item per script, in order). A short reply maps what it has; the rest is asked again."""
    refs = [i.ref.strip() for i in items]
    ours = {s.ref for s in pack}
    if len(set(refs)) == len(refs) and set(refs) <= ours:
        return dict(zip(refs, items, strict=True))
    return {s.ref: item for s, item in zip(pack, items, strict=False)}


async def score_every_script(
    generator: ContentGenerator, company: CompanyBrief, scripts: list[ScriptForScoring], examples: list[ViralExample]
) -> dict[str, tuple[ScoreItem, Provenance]]:
    """A score per script, with the model that gave it: packs of `SCORE_PACK`, re-asked smaller
    for what a reply left out."""
    by_ref = {s.ref: s for s in scripts}

    async def ask(refs: list[str]) -> dict[str, tuple[ScoreItem, Provenance]]:
        pack = [by_ref[r] for r in refs]
        result = await generator.score_scripts(company, pack, examples)
        return {ref: (item, result.provenance) for ref, item in map_pack(pack, result.value).items()}

    done = await complete_set(list(by_ref), ask, pack_size=SCORE_PACK)
    require_complete(done, "scored scripts")
    return done.values


def script_text(row: object) -> str:
    """Everything a script says or shows, for the lexical trend match: copy, keywords and, when
    the script carries them, its hook parts and beats (read defensively: older rows lack them)."""
    parts = [getattr(row, f, "") or "" for f in ("headline", "hook", "body", "cta")]
    parts += list(getattr(row, "keywords", []) or [])
    for beat in getattr(row, "beats", None) or []:
        parts += [str(v) for k, v in (beat if isinstance(beat, dict) else vars(beat)).items() if k != "start_s"]
    return " ".join(parts)


@asset(
    partitions_def=company_partitions, pool="gemini_text", retry_policy=PROVIDER_RETRY,
    # reads the newest insights (the performance prior, when on): the last daily partition
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
        examples = viral_examples(conn)
    require_upstream(rows, company, "scripts", "ad_scripts")
    refs = {f"S{i}": row for i, row in enumerate(rows, start=1)}
    pack = [
        ScriptForScoring(ref=ref, persona=r.persona_name, headline=r.headline, hook=r.hook, body=r.body,
                         cta=r.cta, keywords=list(r.keywords))
        for ref, r in refs.items()
    ]
    brief = company_brief(db, company)
    keywords = select_keywords(brief.context.keywords, [r.keywords for r in rows], trends.max_keywords)
    with ProviderStep(db, company, gemini, "script_scores") as step:
        generator = step.generator

        async def score_and_trend() -> tuple:  # Trends (blocking, throttled) runs beside the LLM packs
            return await asyncio.gather(
                score_every_script(generator, brief, pack, examples),
                asyncio.to_thread(trends.keyword_scores, keywords, db, step.ledger),
            )

        llm_scores, keyword_trends = run_async(score_and_trend())
    weights = scoring.weights()
    with db.transaction() as conn:
        evidence = effectiveness_evidence(conn, company.id) if scoring.uses_prior else []
    priors = scoring.priors_for(evidence, rows)
    scores: list[ScriptScore] = []
    for ref, row in refs.items():
        item, origin = llm_scores[ref]
        trend = script_trend(script_text(row), keyword_trends)
        p = priors.get(str(row.id), ScriptPrior())
        scores.append(ScriptScore(
            script_id=row.id, trend=trend.score, trend_status=trend.status, trend_keywords=trend.matched,
            llm=item.llm_score, viral=item.viral_score, performance_prior=p.prior, prior_weight=p.weight,
            prior_impressions=p.impressions, prior_creatives=p.creatives,
            prior_evidence=[m.model_dump() for m in p.evidence],
            final=final_score(item.llm_score, trend.score, item.viral_score, weights, p.prior, p.weight),
            weights=weights, rationale=item.rationale, provider=generator.provider, model=origin.model,
            fallback_reason=origin.fallback_reason,
        ))
    with db.transaction() as conn:
        replace_scores(conn, company.id, scores)
    top = sorted(scores, key=lambda s: -s.final)[:10]
    by_id = {str(r.id): r for r in rows}
    unavailable = sum(1 for s in scores if s.trend_status == "unavailable")
    return MaterializeResult(
        metadata={
            "scored_scripts": len(scores),
            "unscored_scripts": len(rows) - len(scores),
            "trend_unavailable_scripts": unavailable,
            "trend_keywords_asked": len(keywords),
            "trend_keywords_answered": sum(1 for t in keyword_trends.values() if t.available),
            # a real trend value: Trends answered and the script matched at least one asked keyword
            "scripts_with_real_trend": sum(1 for s in scores if s.trend_status != "unavailable" and s.trend_keywords),
            "scripts_with_prior": sum(1 for s in scores if s.prior_weight > 0),
            "weights": MetadataValue.json(weights.model_dump()),
            "performance_prior": "on" if weights.performance_prior > 0 else "off",
            "mean_prior_weight": round(sum(s.prior_weight for s in scores) / max(len(scores), 1), 4),
            "winners_changed_by_prior": scoring.winners_changed_by_prior(scores),
            "mean_final": round(sum(s.final for s in scores) / max(len(scores), 1), 2),
            "provider": generator.provider,
            **models_metadata([origin for _, origin in llm_scores.values()], generator.text_model),
            **step.usage,
            "top_scripts": MetadataValue.md(md_table(
                ["final", "llm", "trend", "viral", "persona", "hook"],
                [[s.final, s.llm, f"{s.trend:.0f} ({s.trend_status})", s.viral, by_id[str(s.script_id)].persona_name,
                  by_id[str(s.script_id)].hook[:80]] for s in top],
            )),
        }
    )
