"""The Gemini compliance check over many pieces of copy: packed, concurrent, re-asked.

`COMPLIANCE_PACK` items go in one call (the prompt is short per item, so a pack is cheap); packs
run concurrently under the client's limits. Items a reply left out are packed again (bounded
rounds). A pack that fails after the client's retries is recorded on each of its items as
`failed` with the reason, the other packs are kept; a PermanentProviderError (bad key, budget,
retired model) is not an item failure and propagates, so the step fails without writing.
"""

from __future__ import annotations

import asyncio

from creative_pipeline.compliance.llm import CopyForCheck, ModelCheck
from creative_pipeline.resources.gemini.content import CompanyBrief, ContentGenerator
from creative_pipeline.resources.gemini.errors import GenerationFailed, PermanentProviderError

COMPLIANCE_PACK = 25
COMPLIANCE_ROUNDS = 3


def _map_pack(pack: list[CopyForCheck], checks: list[ModelCheck]) -> dict[str, ModelCheck]:
    """By `ref` when the reply's refs are ours and unique, else by position (the schema asks for
    one verdict per item, in order)."""
    refs = [c.ref.strip() for c in checks]
    ours = {i.ref for i in pack}
    if len(set(refs)) == len(refs) and set(refs) <= ours:
        return {ref: c.model_copy(update={"ref": ref}) for ref, c in zip(refs, checks, strict=True)}
    return {i.ref: c.model_copy(update={"ref": i.ref}) for i, c in zip(pack, checks, strict=False)}


async def check_all(generator: ContentGenerator, company: CompanyBrief, items: list[CopyForCheck]) -> dict[str, ModelCheck]:
    """ref -> the model's check for every item (checked, not_checked or failed)."""
    done: dict[str, ModelCheck] = {}
    for _ in range(COMPLIANCE_ROUNDS):
        todo = [i for i in items if i.ref not in done]
        if not todo:
            break
        packs = [todo[i: i + COMPLIANCE_PACK] for i in range(0, len(todo), COMPLIANCE_PACK)]
        results = await asyncio.gather(*(generator.check_compliance(company, p) for p in packs), return_exceptions=True)
        for pack, result in zip(packs, results, strict=True):
            if isinstance(result, PermanentProviderError):
                raise result
            if isinstance(result, GenerationFailed):
                note = f"Gemini check failed: {result.reason}"
                done.update({i.ref: ModelCheck(ref=i.ref, status="failed", note=note) for i in pack})
            elif isinstance(result, BaseException):
                raise result
            else:
                done.update(_map_pack(pack, result.value))
    for item in items:  # still missing after the last round: say so rather than pretend it passed
        done.setdefault(item.ref, ModelCheck(ref=item.ref, status="failed",
                                             note=f"Gemini check: no verdict after {COMPLIANCE_ROUNDS} asks"))
    return done
