"""Lexical near-duplicate detection for hooks (pure; no model).

Why lexical: two hooks that repeat each other share words ("Stop scrolling if mornings are
chaos" / "Stop scrolling if your mornings are chaos"), and token-set Jaccard catches that;
character 4-gram shingles catch the same words re-punctuated, pluralised or glued ("POV:" /
"pov -"). An embedding model would also catch paraphrases, but costs a 90 MB model plus PyTorch
for a signal the winners' angle and format quotas already spread; see docs/architecture.md.
Two hooks are near-duplicates when either similarity reaches its threshold.
"""

from __future__ import annotations

import re
import unicodedata

from creative_pipeline.domain.script_timing import fit_to_time
from creative_pipeline.domain.timed_script import CheckedScript, Hook

TOKEN_THRESHOLD = 0.6
SHINGLE_THRESHOLD = 0.7
_STOP = {"a", "an", "the", "and", "or", "to", "of", "in", "on", "for", "is", "it", "this", "that", "you", "your", "i"}


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9 ]+", " ", text)


def tokens(text: str) -> set[str]:
    words = _norm(text).split()
    kept = {w.rstrip("s") if len(w) > 3 else w for w in words if w not in _STOP}
    return kept or set(words)


def shingles(text: str, n: int = 4) -> set[str]:
    flat = re.sub(r"\s+", " ", _norm(text)).strip()
    return {flat[i: i + n] for i in range(max(1, len(flat) - n + 1))}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def near_duplicate(a: str, b: str) -> bool:
    return jaccard(tokens(a), tokens(b)) >= TOKEN_THRESHOLD or jaccard(shingles(a), shingles(b)) >= SHINGLE_THRESHOLD


def hook_text(hook: Hook) -> str:
    return f"{hook.on_screen_text} {hook.spoken}"


def _with_hook(checked: CheckedScript, new: Hook) -> CheckedScript:
    """The script with `new` as its hook (the old one becomes an alternative); the first beat
    follows when it carried the old hook's spoken line, then the line is fitted to its time."""
    draft = checked.draft
    beats = list(draft.beats)
    if beats and beats[0].spoken.strip() == draft.hook.spoken.strip():
        beats[0] = beats[0].model_copy(update={"spoken": new.spoken, "on_screen_text": new.on_screen_text[:80]})
    others = [draft.hook, *(h for h in draft.hook_alternatives if h is not new)]
    swapped = fit_to_time(draft.model_copy(update={"hook": new, "hook_alternatives": others[:2], "beats": beats})).script
    repairs = [*checked.checks.get("repairs", []), "near-duplicate hook replaced by its alternative"]
    return checked.model_copy(update={"draft": swapped, "checks": {**checked.checks, "repairs": repairs}})


def replace_near_duplicate_hooks(scripts: list[CheckedScript]) -> tuple[list[CheckedScript], int, int]:
    """In order, a hook that nearly repeats an earlier one is replaced by the first of its own
    alternatives that repeats none; (scripts, replaced, still duplicate) — a script whose
    alternatives all repeat is kept and flagged (`checks.near_duplicate_hook`); winner selection
    never takes two such hooks."""
    seen: list[str] = []
    out, replaced, left = [], 0, 0
    for checked in scripts:
        text = hook_text(checked.draft.hook)
        if any(near_duplicate(text, s) for s in seen):
            fresh = next((alt for alt in checked.draft.hook_alternatives
                          if not any(near_duplicate(hook_text(alt), s) for s in seen)), None)
            if fresh is not None:
                checked = _with_hook(checked, fresh)
                replaced += 1
            else:
                checked = checked.model_copy(update={"checks": {**checked.checks, "near_duplicate_hook": True}})
                left += 1
        seen.append(hook_text(checked.draft.hook))
        out.append(checked)
    return out, replaced, left
