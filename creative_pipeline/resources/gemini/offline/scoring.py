"""The offline provider's rubric: deterministic sub-scores from what a script visibly does.

Not a model's judgement and never presented as one (every rationale starts "offline
heuristic"), but it reads the same things the written anchors ask about, so the offline chain
exercises the whole scoring path — rubric, anchor remapping, viral likeness to the curated
patterns — with scores that spread for reasons one can read:

- hook: short spoken line, a question or number, the persona's pain named, a visual beat at 0 s;
- clarity: the UVP's terms and the company's name in the copy;
- proof: a stated proof point or a demonstration; digits that neither the UVP nor a proof point
  carries are treated as an invented claim (capped at 1);
- persona_fit: words of the persona's pains and objections in the script;
- platform_fit: a duration for short-form, timed beats, a placement, speech that fits the time;
- cta: an action verb a platform button carries, not "visit our website";
- viral: word overlap with the closest curated pattern plus the classic pattern markers.
A small jitter seeded by the script's text (up to one point either way on four criteria) breaks
most exact ties between near-identical offline scripts; the same script always gets the same scores.
"""

from __future__ import annotations

import hashlib
import re

from creative_pipeline.domain.ad_pattern import AdPattern
from creative_pipeline.domain.score import ScoreItem, ScriptForScoring

ACTION_VERBS = ("shop", "try", "get", "start", "book", "sign", "download", "claim", "order", "join", "tap", "learn")
DEMO_WORDS = ("watch", "see", "side-by-side", "shown", "test", "before", "after", "in use")
PATTERN_MARKERS = ("pov", "stop scrolling", "nobody", "watch", "didn't believe", "3 things", "?", "honest", "vs")
_WORD = re.compile(r"[a-z0-9']+")


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.casefold()) if len(w) > 2}


def _clamp(value: float) -> int:
    return int(round(min(10.0, max(0.0, value))))


def _claim_numbers(text: str) -> list[str]:
    """Numbers that read as proof claims: percentages, decimals (ratings), counts of 100 or more,
    or any number followed by stars, reviews, customers, users or awards. "3 tips" or "10 seconds"
    are not claims."""
    found = re.findall(r"(\d[\d,]*(?:\.\d+)?)\s*(%|percent|\+?\s*(?:stars?|reviews?|customers?|users?|awards?))?",
                       text.casefold())
    return [n for n, unit in found if unit or "." in n or int(n.replace(",", "").split(".")[0] or 0) >= 100]


def _spoken(script: ScriptForScoring) -> str:
    return " ".join(str(b.get("spoken", "")) for b in script.beats) or script.body


def rubric_item(
    script: ScriptForScoring, uvp: str, company_name: str, proof_quotes: list[str], patterns: list[AdPattern]
) -> ScoreItem:
    copy = " ".join([script.headline, script.hook, script.body, _spoken(script), script.cta])
    copy_words = _words(copy)
    lower = copy.casefold()
    pain_words = _words(" ".join(script.persona_pains))
    objection_words = _words(" ".join(script.persona_objections))

    hook_words = len(script.hook.split())
    hook = (2 + 3 * (hook_words <= 10) + 1.5 * bool(re.search(r"\d", script.hook)) + 1.5 * ("?" in script.hook)
            + 2 * bool(_words(script.hook) & pain_words) + (script.beats[:1] != [] and bool(script.beats[0].get("visual")))
            - 2 * bool(re.match(r"(hello|hi|welcome|we are)\b", script.hook.strip().casefold())))
    uvp_overlap = len(_words(uvp) & copy_words)
    clarity = 2 + 1.5 * min(4, uvp_overlap) + 2 * (company_name.casefold() in lower)
    backed = " ".join([uvp, *proof_quotes])
    invented = set(_claim_numbers(copy)) - set(_claim_numbers(backed))
    proof = 1 if invented else (4 + 3 * any(q.casefold()[:40] in lower for q in proof_quotes if q)
                                + 2 * any(w in lower for w in DEMO_WORDS))
    persona_fit = 2 + min(5, 1.5 * len(copy_words & pain_words)) + 3 * bool(copy_words & objection_words)
    duration = script.duration_s
    if duration is not None:
        fits_time = len(_spoken(script).split()) <= 2.5 * duration
        platform = 2 + 3 * (6 <= duration <= 30) + 3 * bool(script.beats) + 1 * bool(script.placement) + fits_time
    else:
        platform = 5 if len(script.body.split()) <= 75 else 3
    cta_lower = script.cta.casefold()
    cta = (1 + 4 * bool(script.cta.strip()) + 3 * any(v in cta_lower for v in ACTION_VERBS)
           + 1 * bool(script.details.get("cta_button")) - 3 * ("website" in cta_lower))

    best_key, best_overlap = "none", 0.0
    for pattern in patterns:
        pattern_words = _words(f"{pattern.hook} {pattern.body}")
        overlap = len(copy_words & pattern_words) / max(1, len(pattern_words))
        if overlap > best_overlap:
            best_key, best_overlap = pattern.key or pattern.hook[:40], overlap
    markers = sum(1 for m in PATTERN_MARKERS if m in lower)
    viral = 1 + 1.5 * markers + 12 * best_overlap

    jitter = hashlib.sha256(f"{script.hook}|{script.body}|{script.headline}".encode()).digest()
    scores = {
        "hook": _clamp(hook + jitter[0] % 3 - 1), "clarity": _clamp(clarity - jitter[1] % 2),
        "proof": _clamp(proof), "persona_fit": _clamp(persona_fit + jitter[2] % 3 - 1),
        "platform_fit": _clamp(platform + jitter[3] % 2), "cta": _clamp(cta), "viral": _clamp(viral + jitter[4] % 3 - 1),
    }
    rationale = (
        f"offline heuristic (not a model's judgement): hook {scores['hook']}, {uvp_overlap} UVP terms, "
        f"{'invented number ' + sorted(invented)[0] if invented else 'no unbacked number'}, "
        f"closest pattern {best_key}, {markers} pattern markers"
    )
    return ScoreItem(ref=script.ref, rationale=rationale[:300], pattern=best_key[:40], **scores)
