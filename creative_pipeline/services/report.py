"""One company's results as a JSON-ready document: used by `show`, the summary and `export`."""

from __future__ import annotations

from typing import Any

import psycopg

from creative_pipeline.compliance.engine import load_ruleset
from creative_pipeline.compliance.models import StoredVerdict
from creative_pipeline.domain.script import StoredScript
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.brand_assets import load_brand_assets, load_brand_kit
from creative_pipeline.resources.supabase.repositories.briefs import load_briefs
from creative_pipeline.resources.supabase.repositories.companies import get_company, stored_context
from creative_pipeline.resources.supabase.repositories.compliance import load_compliance
from creative_pipeline.resources.supabase.repositories.media import StoredMedia, load_media
from creative_pipeline.resources.supabase.repositories.personas import load_personas
from creative_pipeline.resources.supabase.repositories.scripts import load_scripts
from creative_pipeline.resources.supabase.repositories.usage import usage_summary
from creative_pipeline.services.runtime import database


def _num(value: Any) -> float | None:
    return None if value is None else round(float(value), 3)


def compliance_summary(row: StoredVerdict | None) -> dict[str, Any]:
    """`{verdict, reasons}` plus where each part came from; `verdict` None = not checked yet.
    A documented shape (`show --json`, the export manifest): built key by key. Stored verdicts are
    not recomputed when the rules change version: `ruleset_current` False says this one was decided
    by an older rule set (re-run `script_compliance`, e.g. `creative-pipeline run`, to refresh)."""
    if row is None:
        return {"verdict": None, "reasons": [], "gemini_check": "not run", "override": None}
    gemini = {"checked": f"checked: {row.model_verdict}", "not_checked": row.model_note or "not checked",
              "failed": row.model_note or "failed"}[row.model_status]
    override = None if row.override is None else {
        "verdict": row.override.verdict, "reason": row.override.reason, "by": row.override.by,
        "at": row.override.at.isoformat(),
    }
    return {"verdict": row.verdict, "reasons": row.reasons, "rules_verdict": row.rules_verdict,
            "computed_verdict": row.computed_verdict, "gemini_check": gemini, "override": override,
            "ruleset_version": row.ruleset_version, "ruleset_current": row.ruleset_version == load_ruleset().version}


def video_entry(row: StoredMedia) -> dict[str, Any]:
    """One delivered video as `show --json` lists it: what was asked, what came back (probed), and
    whether they match (a video that does not is not ready for its placement)."""
    data = row.data
    return {"creative_name": row.creative_name, "variant_name": data.get("variant_name"), "status": row.status,
            "error": row.error, "path": row.storage_path, "finished_path": data.get("ad_path"),
            "provider": row.provider, "model": row.model,
            "requested": data.get("requested") or {"aspect_ratio": data.get("aspect_ratio"),
                                                   "duration_s": data.get("duration_seconds"),
                                                   "resolution": data.get("resolution")},
            "delivered": data.get("delivered"), "matches": data.get("matches"), "ready": bool(data.get("ready")),
            "mismatches": data.get("mismatches") or []}


def image_variants(rows: list[StoredMedia]) -> list[dict[str, Any]]:
    """Each image variant under its own name: the clean plate and its ads per placement."""
    return [{"creative_name": p.creative_name, "variant": p.variant, "variant_name": p.data.get("variant_name"),
             "status": p.status, "plate": p.storage_path, "cta_button": p.data.get("cta_button"),
             "ads": {a.placement: a.storage_path for a in rows
                     if a.kind == "ad" and a.creative_name == p.creative_name and a.variant == p.variant and a.ok}}
            for p in rows if p.kind == "image"]


def timed_fields(s: StoredScript) -> dict[str, Any]:
    """The timed script (script_batch.v2) under its documented keys; scripts written before it
    (v1) show None / empty values here and keep their flat hook, body and cta above."""
    t = s.timed or {}
    return {
        "placement": s.placement, "duration_s": s.duration_s,
        "hook_parts": t.get("hook"), "hook_alternatives": t.get("hook_alternatives", []), "beats": t.get("beats", []),
        "objection": t.get("objection"), "proof_quote": t.get("proof_quote"),
        "is_dramatisation": t.get("is_dramatisation", False),
        "cta_button": s.cta_button, "cta_line": t.get("cta_line", s.cta),
        "meta": {"primary_text": t.get("primary_text"), "headline": s.headline},
        "eligibility": {"may_win": s.may_win, "reasons": list(s.ineligible_reasons)},
        "checks": s.checks,
    }


def score_basis(s: StoredScript) -> dict[str, Any]:
    """What a script's score rests on (issue 15 item 4, stored by script_scores): the rubric
    sub-scores, the LLM value before anchoring and how it was calibrated, the Trends keywords, and
    the performance prior's weight with the evidence behind it. None / empty until scored."""
    return {
        "rubric": s.rubric or {}, "llm_raw": _num(s.llm_raw), "calibration": s.calibration,
        "score_template_version": s.score_template_version, "trend_keywords": list(s.trend_keywords or []),
        "prior_evidence": {"weight": _num(s.prior_weight), "impressions": s.prior_impressions,
                           "creatives": s.prior_creatives, "matches": list(s.prior_evidence or [])},
    }


def company_report(conn: psycopg.Connection, key: str) -> dict[str, Any]:
    company = get_company(conn, key)
    stored = stored_context(conn, company.id)
    scripts = load_scripts(conn, company.id)
    verdicts = load_compliance(conn, company.id)
    media = load_media(conn, company.id, ("image", "ad", "video"))
    return {
        "company": {
            **company.model_dump(mode="json"), "partition_key": company.slug,
            "context": stored.context, "context_provider": stored.context_provider,
        },
        "brand_kit": kit.model_dump(mode="json") if (kit := load_brand_kit(conn, company.id)) else None,
        "brand_assets": [a.public() for a in load_brand_assets(conn, company.id)],
        "personas": [
            {"id": str(p.id), "position": p.position, "provider": p.provider, "model": p.model, **p.data}
            for p in load_personas(conn, company.id)
        ],
        "scripts": [
            {
                "id": str(s.id), "persona": s.persona_name, "batch": s.batch_index, "angle": s.angle,
                "template_version": s.template_version, "temperature": s.temperature, "headline": s.headline,
                "hook": s.hook, "body": s.body, "cta": s.cta, "keywords": list(s.keywords), "abcd": s.abcd_codes(),
                **timed_fields(s),
                "provider": s.provider, "model": s.model, "is_winner": s.is_winner, "winner_rank": s.winner_rank,
                "scores": {
                    "trend": _num(s.trend), "llm": _num(s.llm), "viral": _num(s.viral),
                    "final": _num(s.final), "performance_prior": _num(s.performance_prior),
                    "trend_status": s.trend_status, "rationale": s.rationale, **score_basis(s),
                },
                "compliance": compliance_summary(verdicts.get(str(s.id))),
            }
            for s in scripts
        ],
        "winners": [str(s.id) for s in sorted((s for s in scripts if s.is_winner), key=lambda s: s.winner_rank or 0)],
        "briefs": [b.as_stored() for b in load_briefs(conn, company.id)],
        "image_variants": image_variants(media),
        "videos": [video_entry(r) for r in media if r.kind == "video"],
        "usage": [{**u.model_dump(), "cost_usd": _num(u.cost_usd)} for u in usage_summary(conn, company.id)],
    }


def report(key: str, *, db: Database | None = None) -> dict[str, Any]:
    """`company_report` in its own transaction (`show --json`: a documented, JSON-ready shape)."""
    with (db or database()).transaction() as conn:
        return company_report(conn, key)
