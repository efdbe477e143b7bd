"""A local Google-Trends-protocol server that the real pytrends 4.9.2 talks to over HTTP.

Point `PytrendsBackend(base_url=sim.base_url)` (or `TrendsResource(base_url=...)`) here and
pytrends' real request building and parsing run without the network: the cookie GET, the
`explore` token request, the `widgetdata/multiline` timeline. Values are deterministic per
keyword and normalised per request the way Google does it (the highest point of the request
is 100), so cross-batch rescaling can be checked against `sim.raw_series()`. A FIFO fault
queue answers 429 (`rate_limit_next`) or 500 (`fail_next`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import math
import re
import secrets
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator
from urllib.parse import parse_qs, urlsplit

_EXPLORE = "/trends/api/explore"
_MULTILINE = "/trends/api/widgetdata/multiline"


@dataclass(frozen=True)
class TrendsRequest:
    """One request as the simulator saw it: endpoint, keywords asked for, status answered."""

    method: str
    endpoint: str  # "cookie" | "explore" | "multiline" | "unknown"
    keywords: tuple[str, ...]
    had_cookie: bool
    status: int


def _unit(keyword: str, salt: str) -> float:
    digest = hashlib.sha256(f"{salt}:{keyword.casefold()}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def _points(timeframe: str, today: dt.date) -> list[dt.datetime]:
    """The time axis Google would use: daily up to ~9 months, weekly beyond, hourly for `now N-d`."""
    start = dt.datetime.combine(today, dt.time())
    if match := re.fullmatch(r"now (\d+)-d", timeframe):
        hours = int(match[1]) * 24
        return [start - dt.timedelta(hours=hours - i) for i in range(hours)]
    days = 90
    if match := re.fullmatch(r"today (\d+)-([my])", timeframe):
        days = int(match[1]) * (30 if match[2] == "m" else 365)
    step = 1 if days <= 269 else 7
    return [start - dt.timedelta(days=days - i) for i in range(0, days, step)]


class TrendsSimulator:
    """The server state: recorded requests, issued tokens, the fault queue."""

    def __init__(self, today: dt.date | None = None, mark_last_partial: bool = True) -> None:
        self.today = today or dt.date(2026, 11, 24)
        self.mark_last_partial = mark_last_partial
        self._lock = threading.Lock()
        self._faults: list[int] = []
        self._tokens: dict[str, list[str]] = {}
        self._requests: list[TrendsRequest] = []
        self._server: ThreadingHTTPServer | None = None

    # --- knobs and observations ---------------------------------------------------------
    def rate_limit_next(self, n: int = 1) -> None:
        """The next `n` API requests (explore or multiline) answer 429."""
        with self._lock:
            self._faults.extend([429] * n)

    def fail_next(self, n: int = 1) -> None:
        """The next `n` API requests answer 500."""
        with self._lock:
            self._faults.extend([500] * n)

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    @property
    def requests(self) -> list[TrendsRequest]:
        with self._lock:
            return list(self._requests)

    @property
    def base_url(self) -> str:
        """The equivalent of pytrends' `BASE_TRENDS_URL` ("https://trends.google.com/trends")."""
        assert self._server is not None, "simulator not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}/trends"

    def raw_series(self, keyword: str, timeframe: str = "today 3-m") -> list[float]:
        """Un-normalised interest: a keyword-specific level, trend and weekly rhythm."""
        count = len(_points(timeframe, self.today))
        level = 5 + 95 * _unit(keyword, "level")
        slope = 1.2 * (_unit(keyword, "slope") - 0.5)
        phase = 2 * math.pi * _unit(keyword, "phase")
        return [
            level * (1 + slope * (i / max(count - 1, 1) - 0.5)) * (1 + 0.1 * math.sin(2 * math.pi * i / 7 + phase))
            for i in range(count)
        ]

    # --- protocol -----------------------------------------------------------------------
    def _next_fault(self) -> int | None:
        with self._lock:
            return self._faults.pop(0) if self._faults else None

    def _record(self, request: TrendsRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _explore(self, req: dict[str, Any]) -> dict[str, Any]:
        items = req["comparisonItem"]
        keywords = [item["keyword"] for item in items]
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._tokens[token] = keywords
        widget_request = {
            "time": items[0]["time"],
            "resolution": "DAY",
            "locale": "en-US",
            "comparisonItem": [
                {"geo": {"country": item["geo"]} if item["geo"] else {},
                 "complexKeywordsRestriction": {"keyword": [{"type": "BROAD", "value": item["keyword"]}]}}
                for item in items
            ],
            "requestOptions": {"property": req.get("property", ""), "backend": "IZG", "category": req.get("category", 0)},
        }
        widgets = [
            {"request": widget_request, "token": token, "id": "TIMESERIES", "type": "fe_line_chart",
             "title": "Interest over time", "bullets": [{"text": k} for k in keywords]},
            {"request": {**widget_request, "resolution": "COUNTRY"}, "token": secrets.token_urlsafe(16),
             "id": "GEO_MAP", "type": "fe_geo_chart_explore", "title": "Interest by region"},
        ]
        return {"widgets": widgets, "keywords": [], "timeRanges": [], "examples": []}

    def _multiline(self, req: dict[str, Any], token: str) -> dict[str, Any] | None:
        with self._lock:
            keywords = self._tokens.get(token)
        if keywords is None:
            return None
        timeframe = req["time"]
        points = _points(timeframe, self.today)
        series = [self.raw_series(k, timeframe) for k in keywords]
        peak = max((max(s) for s in series), default=0.0) or 1.0
        timeline = []
        for i, at in enumerate(points):
            values = [round(100 * s[i] / peak) for s in series]
            entry: dict[str, Any] = {
                "time": str(int(at.replace(tzinfo=dt.timezone.utc).timestamp())),
                "formattedTime": at.strftime("%b %-d, %Y"),
                "formattedAxisTime": at.strftime("%b %-d"),
                "value": values,
                "hasData": [v > 0 for v in values],
                "formattedValue": [str(v) for v in values],
            }
            if self.mark_last_partial and i == len(points) - 1:
                entry["isPartial"] = True
            timeline.append(entry)
        return {"default": {"timelineData": timeline, "averages": []}}

    # --- lifecycle ----------------------------------------------------------------------
    def start(self) -> "TrendsSimulator":
        sim = self

        class Handler(_Handler):
            simulator = sim

        self._server = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, args=(0.05,), name="trends-simulator", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # the default 5 drops connections under bursts (STACK_NOTES)
    daemon_threads = True


class _Handler(BaseHTTPRequestHandler):
    simulator: TrendsSimulator
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        self.rfile.read(int(self.headers.get("Content-Length") or 0))  # pytrends sends none
        self._handle("POST")

    def _handle(self, method: str) -> None:
        sim = self.simulator
        url = urlsplit(self.path)
        query = {key: values[-1] for key, values in parse_qs(url.query).items()}
        had_cookie = "NID=" in (self.headers.get("Cookie") or "")
        if url.path.rstrip("/") == "/trends/explore" and method == "GET":
            sim._record(TrendsRequest(method, "cookie", (), had_cookie, 200))
            cookie = f"NID={secrets.token_hex(8)}; Path=/; HttpOnly"
            return self._send(200, "text/html; charset=UTF-8", b"<html>explore</html>", cookie)
        endpoint = {_EXPLORE: "explore", _MULTILINE: "multiline"}.get(url.path, "unknown")
        try:
            req = json.loads(query.get("req", "{}"))
        except json.JSONDecodeError:
            req = {}
        keywords = _keywords_of(endpoint, req)
        fault = sim._next_fault() if endpoint != "unknown" else None
        status, body, content_type = 404, b"<html>Not Found</html>", "text/html; charset=UTF-8"
        if fault is not None:
            status, body = fault, b"<html>Error %d</html>" % fault
        elif endpoint == "explore" and keywords:
            status, content_type = 200, "application/json; charset=utf-8"
            body = (")]}'" + json.dumps(sim._explore(req))).encode()
        elif endpoint == "multiline":
            payload = sim._multiline(req, query.get("token", "")) if keywords else None
            if payload is None:
                status, body = 400, b"<html>Bad token</html>"
            else:
                status, content_type = 200, "application/json; charset=utf-8"
                body = (")]}',\n" + json.dumps(payload)).encode()
        elif endpoint == "explore":
            status, body = 400, b"<html>Bad request</html>"
        sim._record(TrendsRequest(method, endpoint, tuple(keywords), had_cookie, status))
        self._send(status, content_type, body)

    def _send(self, status: int, content_type: str, body: bytes, cookie: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if cookie:
            self.send_header("Set-Cookie", cookie)
        self.end_headers()
        self.wfile.write(body)


def _keywords_of(endpoint: str, req: dict[str, Any]) -> list[str]:
    """The keywords a request asks for, in either of Google's two request shapes."""
    items = req.get("comparisonItem", []) if isinstance(req, dict) else []
    if endpoint == "explore":
        return [item.get("keyword", "") for item in items]
    return [kw["value"] for item in items for kw in item.get("complexKeywordsRestriction", {}).get("keyword", [])]


@contextlib.contextmanager
def running_trends_simulator(**kwargs: Any) -> Iterator[TrendsSimulator]:
    """A started simulator on 127.0.0.1:<free port>, stopped on exit."""
    sim = TrendsSimulator(**kwargs).start()
    try:
        yield sim
    finally:
        sim.stop()
