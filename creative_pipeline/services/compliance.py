"""Compliance use-cases: check arbitrary copy (`check-copy`) and override a script's verdict.

`check_copy` runs the same rules as the pipeline and, when a Gemini key is configured, the same
packed Gemini check; the calls it makes are booked in the cost ledger (without a company).
`override_verdict` records a reviewer's decision with its reason in the append-only
`compliance_overrides` table; it applies to the script's exact copy from then on.
"""

from __future__ import annotations

import asyncio
from typing import Literal

from pydantic import BaseModel

from creative_pipeline.compliance.engine import check_text
from creative_pipeline.compliance.llm import CopyForCheck, ModelCheck, merged_verdict
from creative_pipeline.compliance.models import CopyVerdict, Verdict
from creative_pipeline.compliance.scripts import script_sha
from creative_pipeline.domain.company import Company, CompanyContext
from creative_pipeline.domain.script import StoredScript
from creative_pipeline.resources.gemini.sdk.compliance_packs import check_all
from creative_pipeline.resources.gemini.content import CompanyBrief
from creative_pipeline.resources.gemini.base import GenerationResource
from creative_pipeline.resources.gemini.spend.ledger import UsageLedger
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.supabase.repositories.compliance import insert_override, load_compliance
from creative_pipeline.resources.supabase.repositories.scripts import load_scripts
from creative_pipeline.resources.supabase.repositories.usage import write_usage


class CheckedCopy(CopyVerdict):
    gemini_check: str = "not checked (no GEMINI_API_KEY)"


class UnusableInput(ValueError):
    """Input that is not lines of text: binary, undecodable, unreadable or empty."""


def copy_lines(data: bytes) -> list[str]:
    """One piece of copy per non-blank line; refuse input that is not text."""
    if b"\x00" in data:
        raise UnusableInput("input looks binary (NUL bytes): give one piece of ad copy per line, as text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnusableInput(f"input is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise UnusableInput("input is empty: give one piece of ad copy per line")
    return lines


def check_copy(lines: list[str], gemini: GenerationResource | None = None, db: Database | None = None) -> list[CheckedCopy]:
    """Verdicts in input order. With a live Gemini resource the model check runs too (packed);
    its calls are written to the ledger when a database is given."""
    checks: dict[str, ModelCheck] = {}
    if gemini is not None and gemini.live:
        ledger = UsageLedger("check_copy")
        generator = gemini.generator(ledger)
        brief = CompanyBrief(slug="check-copy", name="(copy checked on its own)", uvp="",
                             context=CompanyContext(source="uvp_only"))
        try:
            checks = asyncio.run(check_all(generator, brief, [CopyForCheck(ref=f"L{i}", text=t)
                                                            for i, t in enumerate(lines, 1)]))
        finally:
            if db is not None and ledger.calls:
                with db.transaction() as conn:
                    write_usage(conn, None, ledger.calls)
    results = []
    for i, text in enumerate(lines, start=1):
        rules = check_text(text)
        model = checks.get(f"L{i}")
        reasons = [*rules.reasons, *(model.reasons if model and model.status == "checked" else [])]
        note = ("not checked (no GEMINI_API_KEY)" if model is None else
                f"checked: {model.verdict}" if model.status == "checked" else model.note)
        results.append(CheckedCopy(text=text, verdict=merged_verdict(rules.verdict, model), reasons=reasons,
                                   gemini_check=note))
    return results


def check_ad_copy(lines: list[str]) -> list[CheckedCopy]:
    """`check_copy` with this deployment's generation resource (the Gemini check with a key; its
    calls booked in the ledger) — the `check-copy` command and the studio."""
    from creative_pipeline.services.runtime import database, resources, settings

    if settings().offline:
        return check_copy(lines)
    return check_copy(lines, resources()["gemini"].process_config_and_initialize(), database())


class OverrideOutcome(BaseModel):
    script_id: str
    rank: int | None
    headline: str
    verdict_before: str | None
    verdict: Verdict
    reason: str


def is_rank(key: str) -> bool:
    """Ranks are 1..99; a script-id prefix is 6+ hex characters, which may all be digits."""
    return key.isdigit() and len(key) <= 2


def scripts_for_key(scripts: list[StoredScript], key: str) -> list[StoredScript]:
    """The scripts a reviewer's `key` names: the winner at that rank, or ids starting with it."""
    if is_rank(key):
        return [s for s in scripts if s.winner_rank == int(key)]
    return [s for s in scripts if str(s.id).startswith(key.lower())] if len(key) >= 6 else []


def override_verdict(db: Database, company: Company, key: str, reason: str, reviewer: str,
                     verdict: Literal["GREEN", "YELLOW", "RED"] = "GREEN") -> OverrideOutcome:
    """Override the verdict of the winner at rank `key` (a number) or of the script whose id
    starts with `key`. The reason is required; the row is never changed or deleted afterwards."""
    if not reason.strip():
        raise ValueError("an override needs a reason (e.g. 'FDA 510(k) K123456: the claim is cleared')")
    with db.transaction() as conn:
        scripts = load_scripts(conn, company.id)
        verdicts = load_compliance(conn, company.id)
        matches = scripts_for_key(scripts, key)
        if len(matches) != 1:
            what = f"winner with rank {key}" if is_rank(key) else f"single script whose id starts with {key!r} (6+ chars)"
            raise ValueError(f"no {what} in {company.slug}")
        script = matches[0]
        stored = verdicts.get(str(script.id))
        before = stored.verdict if stored else None
        insert_override(conn, company.id, str(script.id), script_sha(script), before, verdict, reason.strip(), reviewer)
    return OverrideOutcome(script_id=str(script.id), rank=script.winner_rank, headline=script.headline,
                           verdict_before=before, verdict=verdict, reason=reason.strip())
