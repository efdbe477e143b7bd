"""The `trends` Dagster resource: keyword interest from Google Trends, never a crash.

Google Trends is unofficial, rate-limited and sometimes down for hours, and a script's trend
score is only one of three inputs. So every Trends problem becomes an `unavailable` result
carrying its reason (the scoring stage then uses a neutral, flagged score), and the work that
does succeed is kept: cache first, anchored batches, throttled requests, bounded backoff.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from typing import Literal, Optional

import pandas as pd
from dagster import ConfigurableResource
from pydantic import Field

from creative_pipeline.resources.gemini.spend.ledger import CallUsage, UsageLedger
from creative_pipeline.resources.supabase.database import Database
from creative_pipeline.resources.trends.backend import PytrendsBackend, TrendsBackend
from creative_pipeline.resources.trends.cache import TrendCacheRepository
from creative_pipeline.resources.trends.errors import TrendsError, TrendsUnavailable
from creative_pipeline.domain.trends import KeywordTrend, normalise_keyword
from creative_pipeline.scoring.trend_normalisation import (
    GOOGLE_MAX_KEYWORDS,
    anchor_batches,
    rescale_batches,
    strongest_keyword,
)
from creative_pipeline.settings import setting

logger = logging.getLogger(__name__)

BACKENDS = ("pytrends", "off")
OFF_REASON = "trends disabled (TRENDS_BACKEND=off)"
CallStatus = Literal["ok", "retry", "failed"]


class _Throttle:
    """At least `interval` seconds between request starts, process-wide: concurrent steps in
    one process share Google's patience, so they share the spacing too."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = float("-inf")

    def wait(self, interval: float) -> None:
        with self._lock:
            delay = self._last + interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self._last = time.monotonic()


_THROTTLE = _Throttle()


def _unavailable(keyword: str, reason: str) -> KeywordTrend:
    return KeywordTrend(keyword=keyword, status="unavailable", error=reason)


class TrendsResource(ConfigurableResource):
    """Google Trends interest per keyword, cached in `trend_cache`.

    Tests inject a backend by subclassing and overriding `make_backend()`. A paid Trends
    provider (a SERP API's Google Trends endpoint, Glimpse, DataForSEO; none is wired in) plugs
    in the same way: a class with `interest(keywords, geo, timeframe) -> DataFrame` (columns =
    the keywords, values 0..100 normalised per request like Google's, failures raised as
    `TrendsRateLimited` / `TrendsUnavailable`), a name added to `BACKENDS` and returned by
    `make_backend()`. Caching, anchored batches, backoff and the keyword budget stay as they are;
    a provider that returns absolute volumes can return them unnormalised (the rescaling then
    leaves them in proportion).
    """

    backend: str = setting("trends_backend", description='"pytrends", or "off" to skip Trends entirely.')
    base_url: Optional[str] = setting("trends_base_url", description="Replaces https://trends.google.com/trends (a simulator or a proxy)."
    )
    geo: str = setting("trends_geo", description='Google geo code, "" = worldwide.')
    timeframe: str = setting("trends_timeframe", description="pytrends timeframe.")
    cache_ttl_hours: float = setting("trends_cache_ttl_hours", gt=0, description="How long a fetched score is reused.")
    negative_ttl_hours: float = Field(default=1.0, ge=0, description="How long a failure is reused.")
    max_attempts: int = Field(default=3, ge=1, description="Attempts per batch on 429 / 5xx / read timeout.")
    backoff_base_s: float = Field(default=2.0, ge=0, description="First backoff; doubles, with jitter.")
    timeout_s: float = Field(default=10.0, gt=0, description="Read timeout per HTTP request.")
    min_interval_s: float = Field(default=1.0, ge=0, description="Minimum spacing between requests.")
    max_keywords: int = setting("trends_max_keywords", ge=1,
        description="Keywords asked per company (the scoring stage picks them; see scoring/trend_keywords.py).",
    )

    def make_backend(self) -> TrendsBackend:
        """The backend for one `keyword_scores` call. Must not block on the network."""
        return PytrendsBackend(self.timeout_s, self.base_url)

    def keyword_scores(
        self, keywords: list[str], db: Database, ledger: UsageLedger | None = None
    ) -> dict[str, KeywordTrend]:
        """A KeywordTrend for every requested keyword (keys exactly as passed).

        Keywords are normalised (see `normalise_keyword`) and deduplicated; fresh cache hits
        come back "cached", the rest are fetched and stored. Trends failures never raise: they
        become "unavailable" with the reason. Database errors do raise.
        """
        if self.backend not in BACKENDS:
            raise ValueError(f"unknown trends backend {self.backend!r}; expected one of {BACKENDS}")
        keys = {keyword: normalise_keyword(keyword) for keyword in keywords}
        unique = list(dict.fromkeys(key for key in keys.values() if key))
        if len(unique) > self.max_keywords:  # a caller bug, never Google's problem: refuse before asking
            raise ValueError(f"{len(unique)} keywords asked of Trends; the budget is {self.max_keywords} per call")
        results: dict[str, KeywordTrend] = {}
        if self.backend == "off":
            results = {key: _unavailable(key, OFF_REASON) for key in unique}
        elif unique:
            cache = TrendCacheRepository(db)
            results = cache.get_fresh(
                unique, self.geo, self.timeframe, self.cache_ttl_hours, self.negative_ttl_hours
            )
            misses = [key for key in unique if key not in results]
            if misses:
                fetched = self._fetch(misses, ledger)
                cache.put(list(fetched.values()), self.geo, self.timeframe)
                results.update(fetched)
        return {
            keyword: results[key] if key else _unavailable(keyword, "empty keyword")
            for keyword, key in keys.items()
        }

    def _fetch(self, keywords: list[str], ledger: UsageLedger | None) -> dict[str, KeywordTrend]:
        """Fetch in anchored batches; stop at the first batch that fails for good.

        The first batch is 5 plain keywords; its strongest keyword becomes the anchor of every
        later batch (a weak anchor would carry Google's integer rounding into all rescaled
        values). Stopping matters: after a persistent 429 every further request only
        prolongs Google's block; batches already fetched share the anchor and are kept.
        """
        batches = [keywords[:GOOGLE_MAX_KEYWORDS]]
        anchor = keywords[0]
        frames: list[pd.DataFrame] = []
        failure: str | None = None
        try:
            backend = self.make_backend()
        except Exception as exc:  # a custom backend's constructor: same "unavailable" contract
            failure = f"Google Trends backend could not start: {exc!r}"
        while failure is None and len(frames) < len(batches):
            try:
                frames.append(self._fetch_batch(backend, batches[len(frames)], ledger))
            except TrendsError as exc:
                failure = exc.reason
            else:
                if len(frames) == 1 and len(keywords) > GOOGLE_MAX_KEYWORDS:
                    anchor = strongest_keyword(frames[0])
                    batches += anchor_batches([anchor, *keywords[GOOGLE_MAX_KEYWORDS:]])
        scores = rescale_batches(frames, anchor) if frames else {}
        results = {key: KeywordTrend(keyword=key, score=score, status="ok") for key, score in scores.items()}
        if failure is not None:
            logger.warning("Google Trends: %d of %d keywords unavailable: %s",
                           len(keywords) - len(results), len(keywords), failure)
            failed_batch = set(batches[len(frames)])
            for key in keywords:
                if key not in results:
                    reason = failure if key in failed_batch else f"not requested after an earlier failure: {failure}"
                    results[key] = _unavailable(key, reason)
        return {key: results[key] for key in keywords}

    def _fetch_batch(self, backend: TrendsBackend, batch: list[str], ledger: UsageLedger | None) -> pd.DataFrame:
        """One batch with bounded retries: backoff with jitter on retryable errors only."""
        for attempt in range(1, self.max_attempts + 1):
            _THROTTLE.wait(self.min_interval_s)
            started = time.monotonic()
            try:
                frame = backend.interest(batch, self.geo, self.timeframe)
            except Exception as raw:
                exc = raw if isinstance(raw, TrendsError) else TrendsUnavailable(f"Trends backend error: {raw!r}")
                final = not exc.retryable or attempt == self.max_attempts
                self._record(ledger, started, "failed" if final else "retry", exc.reason)
                if final:
                    raise type(exc)(f"{exc.reason} (after {attempt} attempt(s))", retryable=exc.retryable) from raw
                time.sleep(self._backoff_s(attempt))
                continue
            self._record(ledger, started, "ok", None)
            return frame
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _backoff_s(self, attempt: int) -> float:
        """Exponential with "equal jitter": half fixed, half random, so parallel runs spread out."""
        ceiling = self.backoff_base_s * 2 ** (attempt - 1)
        return ceiling / 2 + random.uniform(0, ceiling / 2)

    @staticmethod
    def _record(ledger: UsageLedger | None, started: float, status: CallStatus, error: str | None) -> None:
        if ledger is None:
            return
        ledger.record(CallUsage(
            step=ledger.step, provider="google_trends", model="pytrends", kind="trends",
            latency_ms=int((time.monotonic() - started) * 1000), status=status, error=error,
        ))
