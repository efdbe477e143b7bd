"""The one fan-out helper every stage that makes many provider calls goes through.

Why one helper: the rules below are easy to get wrong one stage at a time (a stage that caught
`GenerationFailed` also caught its subclass `PermanentProviderError`, so a revoked key wrote an
empty result and reported success). Here they hold for every stage at once:

- a `PermanentProviderError` (bad or revoked key, permission denied, quota/billing exhausted,
  invalid argument, budget, circuit open) is re-raised: the step fails, nothing is written;
- a `GenerationFailed` is an item failure: recorded per item with its reason, the others kept;
- a reply that comes back short (fewer items than asked) is not a failure of the items it did
  answer: the missing items are asked again in packs half the size of the round before, down to
  one item per call, within a call budget (`REASK_FACTOR` x the first round's calls);
- what is still missing after that is reported, by name, in `Completion.problem()`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from creative_pipeline.resources.gemini.errors import GenerationFailed, PermanentProviderError

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
I = TypeVar("I")
R = TypeVar("R")

# Re-asking for what short replies left out may cost at most this many times the first round's
# calls (so the worst case is (1 + REASK_FACTOR) x the normal number of calls).
REASK_FACTOR = 2


def worst_case_calls(first_round_calls: int) -> int:
    """The most calls `complete_set` makes for a stage whose first round is `first_round_calls`."""
    return first_round_calls * (1 + REASK_FACTOR)


async def fan_out(items: Sequence[I], call: Callable[[I], Awaitable[R]]) -> list[R | GenerationFailed]:
    """`call(item)` for every item, concurrently: a result or the item's `GenerationFailed`.

    A permanent provider error is raised once every call has settled (their cost is in the
    ledger either way); any other exception is a bug and is raised too.
    """
    results = await asyncio.gather(*(call(item) for item in items), return_exceptions=True)
    for result in results:
        if isinstance(result, PermanentProviderError):
            raise result
    for result in results:
        if isinstance(result, BaseException) and not isinstance(result, GenerationFailed):
            raise result
    return list(results)  # type: ignore[arg-type]


@dataclass
class Completion(Generic[K, V]):
    """What a `complete_set` produced: the answers, the items that failed, the items never answered."""

    wanted: list[K]
    values: dict[K, V] = field(default_factory=dict)
    failures: dict[K, str] = field(default_factory=dict)
    calls: int = 0

    @property
    def missing(self) -> list[K]:
        return [k for k in self.wanted if k not in self.values and k not in self.failures]

    @property
    def complete(self) -> bool:
        return len(self.values) == len(self.wanted)

    def problem(self, what: str, name: Callable[[K], str] = str) -> str:
        """One line a person can act on: how many are missing, which, and why."""
        parts = [f"{len(self.values)} of {len(self.wanted)} {what} after {self.calls} calls"]
        if self.failures:
            reasons = "; ".join(f"{name(k)}: {r}" for k, r in list(self.failures.items())[:5])
            parts.append(f"{len(self.failures)} failed ({reasons}{'; ...' if len(self.failures) > 5 else ''})")
        if self.missing:
            names = ", ".join(name(k) for k in self.missing[:10])
            parts.append(f"{len(self.missing)} never answered: replies stayed short ({names}"
                         f"{', ...' if len(self.missing) > 10 else ''})")
        return "; ".join(parts)


def _packs(keys: list[K], size: int, group: Callable[[K], Hashable]) -> list[list[K]]:
    by_group: dict[Hashable, list[K]] = {}
    for key in keys:
        by_group.setdefault(group(key), []).append(key)
    return [members[i : i + size] for members in by_group.values() for i in range(0, len(members), size)]


async def complete_set(
    wanted: list[K],
    ask: Callable[[list[K]], Awaitable[dict[K, V]]],
    *,
    pack_size: int,
    group: Callable[[K], Hashable] = lambda _key: None,
) -> Completion[K, V]:
    """Answers for every key in `wanted`, asked `pack_size` (per `group`) at a time.

    `ask(pack)` returns the answers it got, keyed by the pack's keys (a short reply simply
    returns fewer). Rounds repeat for what is missing with half the pack size, down to 1, until
    the set is complete, a round at pack size 1 brings nothing new, or the call budget is spent.
    """
    done: Completion[K, V] = Completion(wanted=list(wanted))
    size = max(1, pack_size)
    budget: int | None = None
    while done.missing:
        packs = _packs(done.missing, size, group)
        if budget is None:
            budget = worst_case_calls(len(packs))
        packs = packs[: max(0, budget - done.calls)]
        if not packs:
            break
        done.calls += len(packs)
        before = len(done.values)
        results = await fan_out(packs, ask)
        for pack, result in zip(packs, results, strict=True):
            if isinstance(result, GenerationFailed):
                done.failures.update({k: result.reason for k in pack})
            else:
                done.values.update({k: v for k, v in result.items() if k in pack and k not in done.values})
        if size == 1 and len(done.values) == before:
            break
        size = max(1, size // 2)
    return done
