"""Winners best-first under diversity quotas (pure).

Ten variations of one idea are one bet, not ten. By default (`WINNER_SELECTION=diverse`) the
winners are taken in score order (`rank_key`: final, llm, viral, then hook, persona, id) and a script
is passed over when taking it would break a quota:

1. at most `persona_cap` (2) winners per persona;
2. no hook that is a near-duplicate of a winner's (`scoring/similarity.py`);
3. at least `min_angles` (3) angles and `min_formats` (3) ABCD formats among the winners: once
   the slots left are only enough for the angles (formats) still missing, a script that adds
   none is passed over — counting only the angles (formats) that some lower-ranked script can
   still bring, so a quota the candidates cannot meet never blocks anything.

When the quotas leave fewer winners than wanted while eligible scripts remain, they relax in
this order, one step at a time, until the set is full: the persona cap goes to 3, then away,
then near-duplicate hooks are allowed (`RELAXATIONS`; the steps taken are reported). Only fewer
eligible scripts than wanted gives fewer winners. `WINNER_SELECTION=top` is the plain top N.
Eligibility (never RED, grounded, timed, with a CTA) is decided before; this module only orders.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from pydantic import BaseModel

from creative_pipeline.scoring.similarity import near_duplicate

Mode = Literal["diverse", "top"]


class Candidate(BaseModel):
    id: str
    final: float
    llm: float = 0.0
    viral: float = 0.0
    persona: str
    angle: str
    format: str
    hook: str


class PassedOver(BaseModel):
    script: str
    final: float
    rule: str


class Selection(BaseModel):
    mode: Mode
    winners: list[str]
    passed_over: list[PassedOver]  # higher-scoring scripts a quota passed over, with the rule
    relaxed: list[str]  # the relaxation steps taken, in order


@dataclass(frozen=True)
class Quotas:
    persona_cap: int | None = 2
    min_angles: int = 3
    min_formats: int = 3
    distinct_hooks: bool = True


RELAXATIONS: tuple[tuple[str, dict], ...] = (
    ("persona cap raised to 3", {"persona_cap": 3}),
    ("persona cap lifted", {"persona_cap": None}),
    ("near-duplicate hooks allowed", {"distinct_hooks": False}),
)


def rank_key(c: Candidate) -> tuple:
    """final, llm, viral (desc), then the hook text and id: equal scores never depend on row ids
    alone, so a re-run with the same copy picks the same winners."""
    return (-c.final, -c.llm, -c.viral, c.hook.casefold(), c.persona, c.angle, c.id)


def _reserved(c: Candidate, chosen: list[Candidate], rest: Sequence[Candidate], slots: int, field: str,
              minimum: int) -> bool:
    have = {getattr(w, field) for w in chosen}
    if getattr(c, field) not in have:
        return False
    can_come = {getattr(r, field) for r in rest} - have
    return min(minimum - len(have), len(can_come)) >= slots


def _blocked(c: Candidate, chosen: list[Candidate], rest: Sequence[Candidate], n: int, q: Quotas) -> str | None:
    if q.persona_cap is not None and sum(w.persona == c.persona for w in chosen) >= q.persona_cap:
        return f"persona cap: {q.persona_cap} winners for {c.persona} already"
    if q.distinct_hooks:
        twin = next((w for w in chosen if near_duplicate(c.hook, w.hook)), None)
        if twin is not None:
            return f"near-duplicate hook of winner {twin.id}"
    slots = n - len(chosen)
    if _reserved(c, chosen, rest, slots, "angle", q.min_angles):
        return f"angle quota: the last {slots} slots are kept for angles not yet among the winners"
    if _reserved(c, chosen, rest, slots, "format", q.min_formats):
        return f"format quota: the last {slots} slots are kept for formats not yet among the winners"
    return None


def _greedy(ordered: list[Candidate], n: int, q: Quotas) -> tuple[list[Candidate], list[PassedOver]]:
    chosen: list[Candidate] = []
    passed: list[PassedOver] = []
    for i, c in enumerate(ordered):
        if len(chosen) == n:
            break
        rule = _blocked(c, chosen, ordered[i + 1:], n, q)
        if rule:
            passed.append(PassedOver(script=c.id, final=c.final, rule=rule))
        else:
            chosen.append(c)
    return chosen, passed


def select_winners(candidates: Sequence[Candidate], n: int, mode: Mode = "diverse",
                   quotas: Quotas = Quotas()) -> Selection:
    ordered = sorted(candidates, key=rank_key)
    if mode == "top":
        return Selection(mode=mode, winners=[c.id for c in ordered[:n]], passed_over=[], relaxed=[])
    wanted = min(n, len(ordered))
    relaxed: list[str] = []
    chosen, passed = _greedy(ordered, n, quotas)
    for label, change in RELAXATIONS:
        if len(chosen) >= wanted:
            break
        quotas = replace(quotas, **change)
        relaxed.append(label)
        chosen, passed = _greedy(ordered, n, quotas)
    cutoff = rank_key(chosen[-1]) if chosen else None
    by_id = {c.id: c for c in ordered}
    higher = [p for p in passed if cutoff is not None and rank_key(by_id[p.script]) < cutoff]
    return Selection(mode=mode, winners=[c.id for c in chosen], passed_over=higher, relaxed=relaxed)


def spread(candidates: Sequence[Candidate], ids: Sequence[str]) -> dict[str, dict[str, int]]:
    """How the chosen scripts spread over personas, angles and formats (for metadata and docs)."""
    by_id = {c.id: c for c in candidates}
    picked = [by_id[i] for i in ids]
    return {field: dict(Counter(getattr(c, field) for c in picked).most_common())
            for field in ("persona", "angle", "format")}
