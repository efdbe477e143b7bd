"""SQL for `script_compliance` (verdicts per script) and `compliance_overrides` (reviewers'
overrides, an append-only audit trail matched to copy by content_sha)."""

from __future__ import annotations

from uuid import UUID

import psycopg
from psycopg.types.json import Jsonb
from pydantic import BaseModel

from creative_pipeline.compliance.models import AppliedOverride, OverrideRecord, ScriptCompliance, StoredVerdict


class ComplianceFacts(BaseModel):
    """What the winners check holds against the winners: scripts eligible to win (scored, GREEN
    or YELLOW after overrides), and winners that are RED or were never checked (both must be 0)."""

    checked: int
    eligible: int
    red_winners: int
    unchecked_winners: int


def replace_compliance(conn: psycopg.Connection, company_id: UUID, rows: list[ScriptCompliance]) -> None:
    conn.execute("delete from script_compliance where company_id = %s", (company_id,))
    with conn.cursor() as cur:
        cur.executemany(
            "insert into script_compliance (company_id, script_id, content_sha, verdict, rules_verdict, model_status, "
            "model_verdict, model_note, reasons, ruleset_version, provider, model, fallback_reason) "
            "values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            [(company_id, r.script_id, r.content_sha, r.verdict, r.rules_verdict, r.model_status, r.model_verdict,
              r.model_note, Jsonb([x.model_dump(mode="json") for x in r.reasons]), r.ruleset_version, r.provider,
              r.model, r.fallback_reason) for r in rows],
        )


def load_compliance(conn: psycopg.Connection, company_id: UUID) -> dict[str, StoredVerdict]:
    """script id -> its compliance, with the latest override for its exact copy applied:
    `verdict` is what counts (override first), `computed_verdict` what the checks said."""
    rows = conn.execute(
        "select c.*, o.verdict as override_verdict, o.reason as override_reason, o.reviewer_label as override_by, "
        "o.created_at as override_at from script_compliance c left join lateral ("
        "  select * from compliance_overrides x where x.company_id = c.company_id and x.content_sha = c.content_sha "
        "  order by x.created_at desc, x.id desc limit 1) o on true where c.company_id = %s",
        (company_id,),
    ).fetchall()
    result = {}
    for r in rows:
        override = None if r["override_verdict"] is None else AppliedOverride(
            verdict=r["override_verdict"], reason=r["override_reason"], by=r["override_by"], at=r["override_at"])
        result[str(r["script_id"])] = StoredVerdict(
            verdict=r["override_verdict"] or r["verdict"], computed_verdict=r["verdict"],
            rules_verdict=r["rules_verdict"], model_status=r["model_status"], model_verdict=r["model_verdict"],
            model_note=r["model_note"], reasons=r["reasons"], ruleset_version=r["ruleset_version"],
            content_sha=r["content_sha"], override=override,
        )
    return result


def insert_override(conn: psycopg.Connection, company_id: UUID, script_id: str, content_sha: str,
                    verdict_before: str | None, verdict: str, reason: str, reviewer_label: str) -> OverrideRecord:
    return OverrideRecord.model_validate(conn.execute(
        "insert into compliance_overrides (company_id, script_id, content_sha, verdict_before, verdict, reason, "
        "reviewer_label) values (%s,%s,%s,%s,%s,%s,%s) returning *",
        (company_id, script_id, content_sha, verdict_before, verdict, reason, reviewer_label),
    ).fetchone())


def override_history(conn: psycopg.Connection, company_id: UUID) -> list[OverrideRecord]:
    """Every override of the company, oldest first (the audit trail)."""
    rows = conn.execute(
        "select id, script_id, content_sha, verdict_before, verdict, reason, reviewer_label, created_at "
        "from compliance_overrides where company_id = %s order by created_at, id",
        (company_id,),
    ).fetchall()
    return [OverrideRecord.model_validate(r) for r in rows]


def compliance_facts(conn: psycopg.Connection, company_id: UUID) -> ComplianceFacts:
    """Counts for the winners check (see `ComplianceFacts`)."""
    verdicts = load_compliance(conn, company_id)
    winners = conn.execute("select id from scripts where company_id = %s and is_winner", (company_id,)).fetchall()
    # scored and without a stored reason not to win (ungrounded claim, overrun, brand late) and with a CTA
    scored = {str(r["script_id"]) for r in conn.execute(
        "select sc.script_id from scores sc join scripts s on s.id = sc.script_id where sc.company_id = %s "
        "and cardinality(s.ineligible_reasons) = 0 and btrim(s.cta) <> ''", (company_id,))}
    winner_ids = [str(w["id"]) for w in winners]
    return ComplianceFacts(
        checked=len(verdicts),
        eligible=sum(1 for sid, v in verdicts.items() if v.verdict != "RED" and sid in scored),
        red_winners=sum(1 for w in winner_ids if w in verdicts and verdicts[w].verdict == "RED"),
        unchecked_winners=sum(1 for w in winner_ids if w not in verdicts),
    )
