"""Word budgets and timing rules of a timed script (pure).

Why 2.5 words per second: conversational voice-over runs at about 150 words a minute; ads that
cram more are read too fast to follow on a muted-by-default feed. A beat may carry at most
`floor(2.5 x its seconds)` spoken words (a 2 s beat: 5 words). An overrun is never stored as is:
the beat's line is trimmed at the last clause or word boundary inside its budget, and when the
trim removes more than `MAX_TRIM_SHARE` of the script's spoken words the script is kept for the
record but may not win (its reason is stored).

The product or brand must appear by second 5 (Google's ABCD guidance for YouTube: brand early):
the brand's name in the hook or in any beat starting before `BRAND_BY_S`, or the product shown
in such a beat's visual.
"""

from __future__ import annotations

import math
import re

from pydantic import BaseModel

from creative_pipeline.domain.timed_script import HOOK_SCREEN_WORDS, HOOK_SPOKEN_WORDS, Hook, TimedScript

WORDS_PER_SECOND = 2.5
MAX_TRIM_SHARE = 0.3
BRAND_BY_S = 5.0
_GENERIC_NAME_WORDS = {"the", "co", "co.", "inc", "inc.", "ltd", "llc", "gmbh", "company", "and", "&", "app", "hq"}
_PRODUCT_WORDS = re.compile(r"\b(product|logo|packshot|pack shot|bottle|box|package|app screen|label)\b", re.I)


def words(text: str) -> list[str]:
    return [w for w in re.split(r"\s+", text.strip()) if re.search(r"\w", w)]


def word_budget(seconds: float) -> int:
    return max(1, math.floor(WORDS_PER_SECOND * seconds + 1e-9))


def _trim_line(line: str, budget: int) -> str:
    """The line cut to `budget` words: at the last clause end inside the budget when that keeps
    at least 60% of it, else at the word boundary."""
    if len(words(line)) <= budget:
        return line
    kept: list[str] = []
    for token in line.split():
        if len(words(" ".join([*kept, token]))) > budget:
            break
        kept.append(token)
    for i in range(len(kept) - 1, max(0, int(budget * 0.6)) - 1, -1):
        if re.search(r"[.!?,;:—–]$", kept[i]):
            kept = kept[: i + 1]
            break
    return " ".join(kept).rstrip(",;:—–") or line


def _trim_hook(hook: Hook) -> tuple[Hook, list[str]]:
    notes = []
    screen, spoken = hook.on_screen_text, hook.spoken
    if len(words(screen)) > HOOK_SCREEN_WORDS:
        screen = _trim_line(screen, HOOK_SCREEN_WORDS)
        notes.append(f"hook on-screen text trimmed to {HOOK_SCREEN_WORDS} words")
    if len(words(spoken)) > HOOK_SPOKEN_WORDS:
        spoken = _trim_line(spoken, HOOK_SPOKEN_WORDS)
        notes.append(f"hook spoken line trimmed to {HOOK_SPOKEN_WORDS} words")
    return hook.model_copy(update={"on_screen_text": screen, "spoken": spoken}), notes


class TimingResult(BaseModel):
    script: TimedScript  # trimmed to fit (a copy; the input is unchanged)
    spoken_words: int
    trimmed_words: int
    repairs: list[str]
    overrun: str | None  # set when trimming cut too much: the script may not win

    @property
    def words_per_second(self) -> float:
        return round(self.spoken_words / max(1, self.script.duration_s), 2)


def fit_to_time(script: TimedScript) -> TimingResult:
    """Trim every line that exceeds its budget; say what was cut and whether too much was."""
    repairs: list[str] = []
    hook, notes = _trim_hook(script.hook)
    repairs += notes
    alternatives = []
    for alt in script.hook_alternatives:
        trimmed, notes = _trim_hook(alt)
        alternatives.append(trimmed)
        repairs += [f"alternative {n}" for n in notes]
    before = sum(len(words(b.spoken)) for b in script.beats)
    beats = []
    for i, beat in enumerate(script.beats, 1):
        budget = word_budget(beat.end_s - beat.start_s)
        if len(words(beat.spoken)) > budget:
            repairs.append(f"beat {i} ({beat.start_s:g}-{beat.end_s:g}s): {len(words(beat.spoken))} spoken words "
                           f"trimmed to the {budget} that fit")
            beat = beat.model_copy(update={"spoken": _trim_line(beat.spoken, budget)})
        beats.append(beat)
    after = sum(len(words(b.spoken)) for b in beats)
    fitted = script.model_copy(update={"hook": hook, "hook_alternatives": alternatives, "beats": beats})
    cut = before - after
    overrun = None
    if before and cut / before > MAX_TRIM_SHARE:
        overrun = (f"overrun: {before} spoken words for {script.duration_s}s (at most "
                   f"{WORDS_PER_SECOND:g}/s); trimming cut {cut}")
    return TimingResult(script=fitted, spoken_words=after, trimmed_words=cut, repairs=repairs, overrun=overrun)


def brand_tokens(company_name: str) -> list[str]:
    """The distinctive words of a company name ("Brightbrew Coffee Co." -> brightbrew, coffee)."""
    tokens = [t for t in re.findall(r"[\w']+", company_name.casefold()) if t not in _GENERIC_NAME_WORDS and len(t) > 2]
    return tokens or [company_name.casefold()]


def brand_seen_at(script: TimedScript, company_name: str) -> float | None:
    """The second the brand or product first appears (named, or the product in the visual); None: never."""
    name = brand_tokens(company_name)[0]

    def mentions(*texts: str) -> bool:
        return any(name in t.casefold() for t in texts)

    if mentions(script.hook.visual, script.hook.on_screen_text, script.hook.spoken) or _PRODUCT_WORDS.search(
            script.hook.visual):
        return 0.0
    for beat in script.beats:
        if mentions(beat.visual, beat.spoken, beat.on_screen_text) or _PRODUCT_WORDS.search(beat.visual):
            return beat.start_s
    return None


def brand_late(script: TimedScript, company_name: str) -> str | None:
    """A reason when the brand or product is not on screen or named by second 5."""
    seen = brand_seen_at(script, company_name)
    if seen is not None and seen < BRAND_BY_S:
        return None
    where = "never" if seen is None else f"first at {seen:g}s"
    return f"brand or product not shown by second {BRAND_BY_S:g} ({where})"
