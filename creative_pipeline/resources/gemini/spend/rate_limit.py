"""Client-side limits: requests per minute and calls in flight, per process.

Across processes the Dagster pools (`gemini_text`, `gemini_media`) bound how many steps call
the provider at once; inside a step this limiter keeps concurrent calls under the quota.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import deque


class AsyncRateLimiter:
    """Sliding-window limiter: at most `per_minute` starts in any 60 s window."""

    def __init__(self, per_minute: int, max_in_flight: int) -> None:
        self.per_minute = per_minute
        self._starts: deque[float] = deque()
        self._lock = asyncio.Lock()
        self.in_flight = asyncio.Semaphore(max_in_flight)

    async def acquire(self) -> None:
        while True:
            async with self._lock:
                now = time.monotonic()
                while self._starts and now - self._starts[0] >= 60.0:
                    self._starts.popleft()
                if len(self._starts) < self.per_minute:
                    self._starts.append(now)
                    return
                wait = 60.0 - (now - self._starts[0])
            await asyncio.sleep(max(wait, 0.01))


def backoff_seconds(attempt: int, *, base: float = 1.0, cap: float = 30.0) -> float:
    """Exponential backoff with full jitter (AWS style): uniform in [0, min(cap, base*2^n)].

    Full jitter because the callers are many concurrent tasks hit by the same outage: spreading
    their retries over the whole window keeps them from arriving at the provider together.
    """
    ceiling = min(cap, base * (2**attempt))
    return ceiling * random.random()
