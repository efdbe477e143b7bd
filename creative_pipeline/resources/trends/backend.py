"""How interest-over-time is fetched: a small protocol and its pytrends implementation.

The resource depends only on `TrendsBackend`, so tests and benchmarks can swap in anything
that returns a frame, and pytrends' quirks (network in its constructor, its own exception
classes, a partial last point) stay in this module.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

import pandas as pd
import requests
from pytrends import exceptions as pytrends_exceptions
from pytrends import request as pytrends_request

from creative_pipeline.resources.trends.errors import TrendsError, TrendsRateLimited, TrendsUnavailable


class TrendsBackend(Protocol):
    """Interest over time for at most 5 keywords, normalised by Google within the request."""

    def interest(self, keywords: list[str], geo: str, timeframe: str) -> pd.DataFrame:
        """Columns = `keywords` (in order), rows = dates (ascending), values 0..100.

        Raises `TrendsRateLimited` / `TrendsUnavailable`; never pytrends' or requests' errors.
        """
        ...


class _RedirectedTrendReq(pytrends_request.TrendReq):
    """A TrendReq that talks to `base_url` (a simulator or a proxy) instead of Google.

    Overriding the URL class attributes alone is not enough: pytrends 4.9.2 reads them as
    `TrendReq.GENERAL_URL` (the base class, not `self`), and its cookie fetch uses the module
    global `BASE_TRENDS_URL`. So the URLs are rewritten where every request passes
    (`_get_data`) and the cookie fetch is reimplemented — pytrends' globals stay untouched,
    and other TrendReq users in the process still reach Google.
    """

    def __init__(self, base_url: str, **kwargs: Any) -> None:
        self._base_url = base_url.rstrip("/")  # set first: the parent constructor fetches the cookie
        for name, value in vars(pytrends_request.TrendReq).items():
            if name.endswith("_URL") and isinstance(value, str):
                setattr(self, name, self._redirect(value))
        super().__init__(**kwargs)

    def _redirect(self, url: str) -> str:
        base = pytrends_request.BASE_TRENDS_URL
        return self._base_url + url[len(base):] if url.startswith(base) else url

    def GetGoogleCookie(self) -> dict[str, str]:  # noqa: N802 - pytrends' name
        response = requests.get(
            f"{self._base_url}/explore/?geo={self.hl[-2:]}", timeout=self.timeout, **self.requests_args
        )
        return {name: value for name, value in response.cookies.items() if name == "NID"}

    def _get_data(self, url: str, method: str = "get", trim_chars: int = 0, **kwargs: Any) -> Any:
        return super()._get_data(self._redirect(url), method=method, trim_chars=trim_chars, **kwargs)


class PytrendsBackend:
    """Google Trends through pytrends 4.9.2, with its failures mapped to our two errors.

    The TrendReq is built lazily on the first request, because its constructor already makes
    a network call (the cookie): offline, that failure must surface as `TrendsUnavailable`
    inside the resource's error handling, not as a crash while wiring things up.
    `retries=0` always: pytrends' own retry setup crashes under urllib3 2, we retry ourselves.
    """

    def __init__(self, timeout_s: float, base_url: str | None = None) -> None:
        self.timeout_s = timeout_s
        self.base_url = base_url
        self._client: pytrends_request.TrendReq | None = None

    def _trendreq(self) -> pytrends_request.TrendReq:
        if self._client is None:
            timeout = (min(3.0, self.timeout_s), self.timeout_s)
            kwargs: dict[str, Any] = {"hl": "en-US", "tz": 0, "timeout": timeout, "retries": 0}
            self._client = (
                _RedirectedTrendReq(self.base_url, **kwargs)
                if self.base_url
                else pytrends_request.TrendReq(**kwargs)
            )
        return self._client

    def interest(self, keywords: list[str], geo: str, timeframe: str) -> pd.DataFrame:
        try:
            client = self._trendreq()
            client.build_payload(list(keywords), timeframe=timeframe, geo=geo)
            frame = client.interest_over_time()
        except TrendsError:
            raise
        except Exception as exc:  # every other failure is mapped, none escapes
            raise map_error(exc) from exc
        return _keyword_frame(frame, keywords)


def map_error(exc: Exception) -> TrendsError:
    """pytrends / requests / parsing exceptions → TrendsRateLimited or TrendsUnavailable."""
    if isinstance(exc, pytrends_exceptions.TooManyRequestsError):
        return TrendsRateLimited(f"Google Trends rate limit (HTTP 429): {exc}")
    if isinstance(exc, pytrends_exceptions.ResponseError):
        status = getattr(exc.response, "status_code", 0)
        return TrendsUnavailable(f"Google Trends error (HTTP {status}): {exc}", retryable=status >= 500)
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return TrendsUnavailable(f"Google Trends unreachable (connect timeout): {exc}", retryable=False)
    if isinstance(exc, requests.exceptions.Timeout):
        return TrendsUnavailable(f"Google Trends timed out: {exc}", retryable=True)
    if isinstance(exc, requests.exceptions.ConnectionError):
        return TrendsUnavailable(f"Google Trends unreachable: {exc}", retryable=False)
    if isinstance(exc, (json.JSONDecodeError, KeyError, ValueError, TypeError, IndexError)):
        return TrendsUnavailable(f"unexpected Google Trends response: {exc!r}", retryable=False)
    return TrendsUnavailable(f"Google Trends request failed: {exc!r}", retryable=False)


def _keyword_frame(frame: pd.DataFrame, keywords: list[str]) -> pd.DataFrame:
    """Only the keyword columns, as floats; an incomplete (isPartial) last point dropped.

    Google marks the current, still-filling period as partial: it reads low and would drag a
    recent-interest score down. An empty timeline (no data for any keyword) is an empty frame
    with the keyword columns, which scores as zero interest.
    """
    if frame.empty:
        return pd.DataFrame({keyword: pd.Series(dtype="float64") for keyword in keywords})
    if "isPartial" in frame.columns:
        complete = frame[~frame["isPartial"].astype(bool)]
        frame = complete if not complete.empty else frame
    missing = [keyword for keyword in keywords if keyword not in frame.columns]
    if missing:
        raise TrendsUnavailable(f"Google Trends response lacks keywords {missing}", retryable=False)
    return frame[list(keywords)].astype("float64")
