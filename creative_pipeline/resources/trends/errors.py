"""What can go wrong when asking Google Trends, sorted by what the caller should do about it.

The resource never lets these escape: they decide whether a batch is retried (with backoff)
or given up on, and their text becomes the `error` of the `unavailable` results.
"""

from __future__ import annotations


class TrendsError(RuntimeError):
    """A Trends request failed. `retryable` says whether waiting and asking again can help."""

    retryable: bool = False

    def __init__(self, reason: str, *, retryable: bool | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        if retryable is not None:
            self.retryable = retryable


class TrendsRateLimited(TrendsError):
    """Google answered 429. It does so for bursts, sometimes for hours: back off, then give up."""

    retryable = True


class TrendsUnavailable(TrendsError):
    """Anything else: 5xx and read timeouts are worth another try; no network, a refused
    connection, a 4xx or a response we cannot parse are not."""
