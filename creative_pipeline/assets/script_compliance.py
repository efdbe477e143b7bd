"""Stage 4b: a compliance verdict (GREEN / YELLOW / RED, with reasons) on every script.

Two layers: the rule set (compliance/rules.vN.yaml: health and disease claims, weight-loss
promises, personal attributes, financial guarantees and income claims, unrealistic certainty,
unproven superlatives, clickbait, fear, disparaged competitors, fake prizes and system messages)
runs everywhere, offline too; the Gemini check, packed many scripts per
call, looks for what rules miss. The stored verdict is the worse of the two, with both layers'
reasons. Offline, the model layer says "not checked (offline)" — never "passed". `winners` only
picks GREEN and YELLOW scripts.
"""

from collections import Counter

from dagster import AssetExecutionContext, MaterializeResult, MetadataValue, asset

from creative_pipeline.assets.ad_scripts import ad_scripts
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
from creative_pipeline.compliance.llm import CopyForCheck
from creative_pipeline.compliance.scripts import script_copy, script_verdict
from creative_pipeline.domain.provenance import Provenance
from creative_pipeline.partitions import company_partitions
from creative_pipeline.resources.gemini.sdk.compliance_packs import COMPLIANCE_PACK, check_all
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.supabase.repositories.compliance import replace_compliance
from creative_pipeline.resources.supabase.repositories.scripts import load_scripts
from creative_pipeline.resources.supabase.resource import SupabaseResource


@asset(
    partitions_def=company_partitions, deps=[ad_scripts], pool="gemini_text", retry_policy=PROVIDER_RETRY,
    description=__doc__,  # the module's docstring: what the stage makes and why, shown in the UI
    group_name="generation", kinds={"gemini", "postgres"},
)
@one_writer_per_company
def script_compliance(context: AssetExecutionContext, supabase: SupabaseResource, gemini: GenerationResource) -> MaterializeResult:
    db = supabase.db()
    company = partition_company(context, db)
    with db.transaction() as conn:
        rows = load_scripts(conn, company.id)
    require_upstream(rows, company, "scripts", "ad_scripts")
    refs = {f"C{i}": row for i, row in enumerate(rows, start=1)}
    items = [CopyForCheck(ref=ref, text=script_copy(row)) for ref, row in refs.items()]
    with ProviderStep(db, company, gemini, "script_compliance") as step:
        generator = step.generator
        checks = run_async(check_all(generator, company_brief(db, company), items))
    records = [script_verdict(row, checks.get(ref), generator.provider, generator.text_model) for ref, row in refs.items()]
    with db.transaction() as conn:
        replace_compliance(conn, company.id, records)
    verdicts = Counter(r.verdict for r in records)
    model_status = Counter(r.model_status for r in records)
    failed = sorted({r.model_note for r in records if r.model_status == "failed"})
    for note in failed:
        context.log.error(note)
    by_rule = Counter((x.rule_id, x.severity, x.policy_area) for r in records for x in r.reasons)
    flagged = sorted((r for r in records if r.verdict != "GREEN"), key=lambda r: r.verdict != "RED")[:15]
    headline = {str(row.id): row.headline for row in rows}
    return MaterializeResult(
        metadata={
            "green": verdicts["GREEN"], "yellow": verdicts["YELLOW"], "red": verdicts["RED"],
            "ruleset_version": records[0].ruleset_version if records else "",
            "gemini_check": ("not checked (offline)" if generator.provider == "offline"
                             else f"{model_status['checked']} checked, {model_status['failed']} failed, "
                                  f"packs of {COMPLIANCE_PACK}"),
            "gemini_check_failures": MetadataValue.json(failed),
            "provider": generator.provider,
            **models_metadata([Provenance(model=r.model, fallback_reason=r.fallback_reason) for r in records
                               if r.model_status == "checked"], generator.text_model),
            **step.usage,
            "verdict_table": MetadataValue.md(md_table(
                ["verdict", "scripts"], [[v, verdicts[v]] for v in ("GREEN", "YELLOW", "RED")],
            ) + "\n\n" + md_table(
                ["rule", "severity", "policy area", "scripts"],
                [[rule, sev, area, n] for (rule, sev, area), n in by_rule.most_common()],
            )),
            "flagged_scripts": MetadataValue.md(md_table(
                ["verdict", "headline", "reasons"],
                [[r.verdict, headline[r.script_id][:60],
                  "; ".join(f"{x.rule_id}: “{x.matched[:40]}”" for x in r.reasons[:3])] for r in flagged],
            )),
        }
    )
