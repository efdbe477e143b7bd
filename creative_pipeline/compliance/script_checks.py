"""The checks every timed script passes before it is stored (pure): time, grounding, brand, CTA.

What they decide:
- spoken lines over their time budget are trimmed (`domain/script_timing.py`); a script that
  needed too much trimming keeps its trimmed text but may not win (reason `overrun: ...`);
- every number, rating, count, award, certification, named customer and quotation in the copy
  must be found in the sources (`compliance/grounding.py`), the proof quote too;
- a social-proof script quotes the page or is a dramatisation that says so on screen (a missing
  label is added: the repair is recorded);
- the brand or product is seen by second 5; the CTA has a spoken line.
Reasons other than an overrun can be fixed by asking again (`reask_reasons`); the asset does
that once per batch, and what is still wrong after the second reply is stored as the reason the
script may not win.
"""

from __future__ import annotations

import re

from creative_pipeline.compliance.grounding import Claim, Sources, check_grounding
from creative_pipeline.domain.script_timing import brand_late, brand_seen_at, fit_to_time
from creative_pipeline.domain.timed_script import CheckedScript, TimedScript
from creative_pipeline.domain.vocabulary import Angle

DRAMATISATION = re.compile(r"dramati[sz](?:ation|ed)|re-?enactment|actor portrayal", re.I)
OVERRUN = "overrun"


def _labelled(script: TimedScript) -> TimedScript:
    """A dramatisation says so on screen: the label is added to the first beat when missing."""
    texts = [script.hook.on_screen_text, *(b.on_screen_text for b in script.beats)]
    if any(DRAMATISATION.search(t) for t in texts):
        return script
    beats = list(script.beats)
    label = f"{beats[0].on_screen_text} · Dramatisation".strip(" ·")
    beats[0] = beats[0].model_copy(update={"on_screen_text": label[:80]})
    return script.model_copy(update={"beats": beats})


def check_script(angle: Angle, draft: TimedScript, company_name: str, sources: Sources) -> CheckedScript:
    """The script as it may be stored (trimmed, labelled) with the reasons it may not win."""
    timing = fit_to_time(draft)
    script, repairs, reasons = timing.script, list(timing.repairs), []
    if timing.overrun:
        reasons.append(timing.overrun)
    if script.is_dramatisation:
        labelled = _labelled(script)
        if labelled is not script:
            repairs.append("dramatisation label added on screen")
        script = labelled
    report = check_grounding(script.all_copy(), sources)
    ungrounded = [c for c in report.ungrounded if not (script.is_dramatisation and c.kind == "quote")]
    if ungrounded:
        reasons.append("ungrounded claim: " + "; ".join(f"{c.kind} “{c.text}”" for c in ungrounded))
    quote = script.proof_quote.strip()
    quote_found = bool(quote) and sources.has(Claim(kind="quote", text=quote))
    if quote and not quote_found:
        reasons.append(f"proof quote not found on the page: “{quote[:80]}”")
    if angle == Angle.SOCIAL_PROOF and not quote_found and not script.is_dramatisation:
        reasons.append("testimonial without a quote from the page or a dramatisation label")
    late = brand_late(script, company_name)
    if late:
        reasons.append(late)
    if not script.cta_line.strip():
        reasons.append("no CTA")
    checks = {
        "grounded_claims": [c.text for c in report.grounded],
        "ungrounded_claims": [f"{c.kind}: {c.text}" for c in ungrounded],
        "proof_quote_found": quote_found if quote else None,
        "repairs": repairs,
        "spoken_words": timing.spoken_words,
        "words_per_second": timing.words_per_second,
        "brand_seen_at_s": brand_seen_at(script, company_name),
    }
    return CheckedScript(angle=angle, draft=script, ineligible_reasons=reasons, checks=checks)


def reask_reasons(checked: CheckedScript) -> list[str]:
    """The reasons another reply could fix (an overrun is trimmed instead)."""
    return [r for r in checked.ineligible_reasons if not r.startswith(OVERRUN)]
