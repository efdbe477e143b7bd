"""The Gemini compliance check over many pieces of copy: packed, concurrent, re-asked.

`COMPLIANCE_PACK` items go in one call (the prompt is short per item, so a pack is cheap); packs
run concurrently under the client's limits. Items a reply left out are packed again, smaller
(`fan_out.complete_set`, bounded calls). A pack that fails after the client's retries is recorded on each of its items as
`failed` with the reason, the other packs are kept; a PermanentProviderError (bad key, budget,
retired model) is not an item failure and propagates, so the step fails without writing.
"""

from __future__ import annotations

from creative_pipeline.compliance.llm import CopyForCheck, ModelCheck
from creative_pipeline.resources.gemini.content import CompanyBrief, ContentGenerator
from creative_pipeline.resources.gemini.sdk.fan_out import complete_set

COMPLIANCE_PACK = 25


def _map_pack(pack: list[CopyForCheck], checks: list[ModelCheck]) -> dict[str, ModelCheck]:
    """By `ref` when the reply's refs are ours and unique, else by position (the schema asks for
    one verdict per item, in order)."""
    refs = [c.ref.strip() for c in checks]
    ours = {i.ref for i in pack}
    if len(set(refs)) == len(refs) and set(refs) <= ours:
        return {ref: c.model_copy(update={"ref": ref}) for ref, c in zip(refs, checks, strict=True)}
    return {i.ref: c.model_copy(update={"ref": i.ref}) for i, c in zip(pack, checks, strict=False)}


async def check_all(generator: ContentGenerator, company: CompanyBrief, items: list[CopyForCheck]) -> dict[str, ModelCheck]:
    """ref -> the model's check for every item (checked, not_checked or failed), through the one
    fan-out helper: a permanent error propagates, a failed pack is recorded on its items, items a
    reply left out are re-asked in smaller packs within the helper's call budget."""
    by_ref = {i.ref: i for i in items}

    async def ask(refs: list[str]) -> dict[str, ModelCheck]:
        pack = [by_ref[r] for r in refs]
        result = await generator.check_compliance(company, pack)
        made_by = {"model": result.model, "fallback_reason": result.fallback_reason}
        return {ref: check.model_copy(update=made_by) for ref, check in _map_pack(pack, result.value).items()}

    done = await complete_set(list(by_ref), ask, pack_size=COMPLIANCE_PACK)
    checks = dict(done.values)
    checks.update({r: ModelCheck(ref=r, status="failed", note=f"Gemini check failed: {why}")
                   for r, why in done.failures.items()})
    for ref in done.missing:  # still missing: say so rather than pretend it passed
        checks[ref] = ModelCheck(ref=ref, status="failed", note=f"Gemini check: no verdict after {done.calls} calls")
    return checks
