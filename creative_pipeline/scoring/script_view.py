"""What the scorer is shown of a stored script, and an order that mixes personas in every pack.

The script's whole content goes to the scorer: copy, and (when the script has them: rows
written before the timed-script schema do not) angle, placement, duration, beats and any other
creative field, read defensively so this works on old and new rows alike. The persona goes with
its pains and objections, because "persona fit" means answering those, not matching a name.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from creative_pipeline.domain.score import ScriptForScoring

# row fields that are bookkeeping, scores or shown elsewhere: never put in `details`
_NOT_CONTENT = {
    "id", "persona_id", "persona_name", "persona_archetype", "persona_data", "batch_index", "template",
    "template_version", "temperature", "position", "provider", "model", "is_winner", "winner_rank", "final", "llm",
    "trend", "viral", "trend_status", "performance_prior", "rationale", "fallback_reason", "scene_setting",
    "scene_subject", "action", "driver", "company_id", "batch_id", "created_at", "keywords", "headline", "hook",
    "body", "cta", "beats", "angle", "placement", "duration_s", "made_by", "provenance",
    "checks", "ineligible_reasons",  # the grounding's bookkeeping: the scorer judges the ad, not our checks
}
_NESTED = ("timed",)  # a dict of creative fields (hook parts, objection, proof, CTA line): flattened


def _plain(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _as_dict(row: Any) -> dict[str, Any]:
    if hasattr(row, "model_dump"):
        return row.model_dump(mode="json")
    return dict(vars(row))


def scoring_view(ref: str, row: Any) -> ScriptForScoring:
    """A `ScriptForScoring` from a stored script (any object with the script's attributes)."""
    data = _as_dict(row)
    persona = data.get("persona_data") or {}
    hook = data.get("hook") or ""
    if isinstance(hook, dict):  # a structured hook {visual, on_screen_text, spoken}
        hook = " / ".join(f"{k}: {v}" for k, v in hook.items() if v)
    duration = data.get("duration_s")
    flat = {k: v for k, v in data.items() if k not in _NESTED}
    for nested in _NESTED:
        if isinstance(data.get(nested), dict):
            flat.update({k: v for k, v in data[nested].items() if k not in flat or k == "hook"})
    beats = data.get("beats") or flat.get("beats") or []
    details = {
        k: _plain(v) for k, v in flat.items()
        if k not in _NOT_CONTENT and v not in (None, "", [], {})
    }
    if isinstance(flat.get("hook"), dict):  # the structured hook travels whole, the text form in `hook`
        details["hook_parts"] = _plain(flat["hook"])
    return ScriptForScoring(
        ref=ref, persona=str(data.get("persona_name") or persona.get("name") or ""),
        persona_pains=[str(p) for p in persona.get("pains", [])][:4],
        persona_objections=[str(o) for o in persona.get("objections", [])][:3],
        angle=data.get("angle") or data.get("template"), placement=data.get("placement"),
        duration_s=float(duration) if isinstance(duration, (int, float)) else None,
        headline=str(data.get("headline") or ""), hook=str(hook), body=str(data.get("body") or ""),
        beats=[b for b in (_plain(beats) or []) if isinstance(b, dict)], cta=str(data.get("cta") or ""),
        keywords=[str(k) for k in data.get("keywords") or []], details=details,
    )


def mixed_order(refs: Sequence[str], groups: Sequence[Hashable]) -> list[str]:
    """Refs interleaved round-robin over their groups (personas), so any run of consecutive refs
    — a score pack — mixes every group instead of holding one.

    >>> mixed_order(["a1", "a2", "b1", "b2", "c1"], ["a", "a", "b", "b", "c"])
    ['a1', 'b1', 'c1', 'a2', 'b2']
    """
    by_group: dict[Hashable, list[str]] = {}
    for ref, group in zip(refs, groups, strict=True):
        by_group.setdefault(group, []).append(ref)
    queues = list(by_group.values())
    out: list[str] = []
    for i in range(max((len(q) for q in queues), default=0)):
        out += [q[i] for q in queues if i < len(q)]
    return out


def view_text(view: ScriptForScoring) -> str:
    """Everything a script says or shows (copy, keywords, beats, other creative fields): what the
    lexical trend match reads."""
    parts = [view.headline, view.hook, view.body, view.cta, *view.keywords]
    for beat in view.beats:
        parts += [str(v) for k, v in beat.items() if k not in ("start_s", "end_s")]
    parts += [str(v) for v in view.details.values() if isinstance(v, str)]
    return " ".join(p for p in parts if p)
