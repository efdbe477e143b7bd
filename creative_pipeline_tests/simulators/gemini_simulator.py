"""A local Gemini-protocol server that the real google-genai SDK talks to over HTTP.

Tests and benchmarks point `genai.Client(http_options=HttpOptions(base_url=sim.base_url,
api_version="v1beta"))` here so the pipeline's real client code — serialisation,
error classes, `response.parsed`, Veo polling, file download — is exercised without the
network.  Latency, a per-model RPM limit and a FIFO fault queue reproduce the failure
modes the pipeline must handle.  Payload builders live in `gemini_sim_endpoints`.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
import time
from typing import Any, Iterator
from urllib.parse import parse_qs, urlsplit

from .gemini_sim_endpoints import BadRequest, Responder, VideoOperation, generate_content, is_image_request
from .gemini_sim_endpoints import new_operation, operation_payload
from .gemini_sim_faults import Fault, FaultQueue, RateLimiter, error_body, format_delay, permanent_refusal
from .gemini_sim_interactions import Interaction, serve_interactions_api
from .gemini_sim_media import delivered_shape
from . import gemini_sim_vertex as vertex
from .gemini_sim_models import gone_message
from .gemini_sim_server import ConfigField, RecordedRequest, SimConfig, SimHandler, SimServer

_ROUTES: list[tuple[str, str, re.Pattern[str]]] = [
    ("POST", "generateContent", re.compile(r"^/v1(?:beta|alpha)?/models/(?P<model>[^/:]+):generateContent$")),
    ("POST", "predictLongRunning", re.compile(r"^/v1(?:beta|alpha)?/models/(?P<model>[^/:]+):predictLongRunning$")),
    ("GET", "operation", re.compile(r"^/v1(?:beta|alpha)?/(?:models/(?P<model>[^/:]+)/)?operations/(?P<id>[^/:]+)$")),
    ("GET", "download", re.compile(r"^/v1(?:beta|alpha)?/files/(?P<id>[a-z0-9]+):download$")),
    ("GET", "models.get", re.compile(r"^/v1(?:beta|alpha)?/models/(?P<model>[^/:]+)$")),
    ("POST", "countTokens", re.compile(r"^/v1(?:beta|alpha)?/models/(?P<model>[^/:]+):countTokens$")),
    ("POST", "interactions.create", re.compile(r"^/v1(?:beta|alpha)?/interactions$")),
    ("GET", "interactions.get", re.compile(r"^/v1(?:beta|alpha)?/interactions/(?P<id>[^/:]+)$")),
]
_ROUTES += vertex.ROUTES
_CALLS = ("generateContent", "predictLongRunning", "interactions.create")
_FREE = ("models.get", "countTokens")  # answer 404 for gone models, never rate-limited or faulted
_HEADERS_KEPT = ("x-goog-api-key", "content-type", "user-agent", "x-goog-api-client", "authorization")
_NO_KEY = ("Method doesn't allow unregistered callers (callers without established identity). "
           "Please use API Key or other form of API consumer identity to call this API. (API key missing)")


class GeminiSimulator:
    """Gemini REST simulator on 127.0.0.1 (random port), served from a background thread.

    Config kwargs (also settable as attributes at runtime): `latency_s`,
    `requests_per_minute` (per model, sliding `rate_window_s` window; None = unlimited),
    `seed`, `polls_until_done` (operation GETs needed to see done), `retry_delay`
    (RetryInfo on 429s), `api_key` (if set, other keys get 400 API_KEY_INVALID).
    """

    latency_s = ConfigField()
    requests_per_minute = ConfigField()
    rate_window_s = ConfigField()
    seed = ConfigField()
    polls_until_done = ConfigField()
    local_video_uris = ConfigField()
    retry_delay = ConfigField()
    api_key = ConfigField()
    strict_models = ConfigField()
    writer = ConfigField()

    def __init__(self, responder: Responder | None = None, **config: Any) -> None:
        self._lock = threading.RLock()
        self._config = SimConfig(**config)
        self.responder: Responder | None = responder
        self.timeout_sleep_s = 2.0  # how long a `timeout` fault holds its reply (longer than the client waits)
        self.faults = FaultQueue()
        self._limiter = RateLimiter()
        self._requests: list[RecordedRequest] = []
        self._operations: dict[str, VideoOperation] = {}
        self._interactions: dict[str, Interaction] = {}
        self._files: dict[str, tuple[str, int]] = {}
        self._connections: set[socket.socket] = set()
        self._index = 0
        self._clients: list[Any] = []
        self._server = SimServer(("127.0.0.1", 0), SimHandler)
        self._server.sim = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, name="gemini-sim", daemon=True
        )
        self._thread.start()

    # -- public API -----------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def requests(self) -> list[RecordedRequest]:
        """Snapshot of recorded requests (a copy; safe to iterate while calls run)."""
        with self._lock:
            return list(self._requests)

    def requests_for(self, endpoint: str | None = None, model: str | None = None) -> list[RecordedRequest]:
        return [r for r in self.requests if (endpoint in (None, r.endpoint)) and (model in (None, r.model))]

    def configure(self, **config: Any) -> None:
        """Change several config values atomically."""
        with self._lock:
            for key, value in config.items():
                if not hasattr(self._config, key):
                    raise TypeError(f"unknown simulator option {key!r}")
                setattr(self._config, key, value)

    def inject(self, fault: str, times: int = 1, model: str | None = None, endpoint: str | None = None,
               retry_delay: str | None = None) -> None:
        """Queue `fault` for the next `times` matching requests (FIFO across faults)."""
        self.faults.add(fault, times, model, endpoint, retry_delay)

    def reset(self) -> None:
        """Forget requests, faults, rate-limit history and operations (config is kept)."""
        self.faults.clear()
        self._limiter.reset()
        with self._lock:
            self._requests.clear()
            self._operations.clear()
            self._interactions.clear()
            self._files.clear()

    def http_options(self, **extra: Any) -> Any:
        from google.genai import types

        return types.HttpOptions(base_url=self.base_url, api_version="v1beta", **extra)

    def client(self, api_key: str = "sim-key", **http_extra: Any) -> Any:
        """A google-genai Client wired to this simulator.

        The simulator keeps a reference: a `Client` closes its httpx pool in `__del__`,
        so `sim.client().models.generate_content(...)` would otherwise fail mid-call.
        """
        from google import genai

        client = genai.Client(api_key=api_key, http_options=self.http_options(**http_extra))
        with self._lock:
            self._clients.append(client)
        return client

    def stop(self) -> None:
        with self._lock:
            clients, self._clients = self._clients, []
        for client in clients:
            with contextlib.suppress(Exception):
                client.close()
        self._server.shutdown()
        with self._lock:
            conns = list(self._connections)
        for conn in conns:  # wake handler threads parked on idle keep-alive sockets
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> "GeminiSimulator":
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- request handling -----------------------------------------------------
    def _track(self, conn: socket.socket, add: bool) -> None:
        with self._lock:
            (self._connections.add if add else self._connections.discard)(conn)

    def _dispatch(self, method: str, raw_path: str, headers: dict[str, str], raw: bytes) -> tuple[int, str, bytes]:
        started = time.time()
        url = urlsplit(raw_path)
        query = parse_qs(url.query)
        endpoint, match = None, None
        for route_method, name, pattern in _ROUTES:
            match = pattern.match(url.path)
            if match and route_method == method:
                endpoint = name
                break
        model = match.groupdict().get("model") if match and endpoint else None
        body: Any = None
        fault: Fault | None = None
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        if self.latency_s:
            time.sleep(self.latency_s)
        try:
            status, ctype, payload, fault = self._handle(endpoint, match, model, query, headers, body)
        except BadRequest as exc:
            status, ctype, payload = 400, "application/json", error_body(400, str(exc))
        except Exception as exc:  # noqa: BLE001 - a simulator bug must surface as a 500, not a hang
            status, ctype, payload = 500, "application/json", error_body(500, f"simulator error: {exc!r}")
        kept = {k: v for k, v in headers.items() if k in _HEADERS_KEPT}
        usage = payload.get("usageMetadata") if isinstance(payload, dict) else None
        record = RecordedRequest(method, url.path, query, endpoint, model, kept, body, status,
                                 fault.name if fault else None, started=started, usage=usage)
        with self._lock:
            self._requests.append(record)
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        return status, ctype, data

    def _handle(self, endpoint: str | None, match: re.Match[str] | None, model: str | None,
                query: dict[str, list[str]], headers: dict[str, str], body: Any) -> tuple[int, str, Any, Fault | None]:
        js = "application/json"
        if endpoint is None or match is None:
            return 404, js, error_body(404, "Requested entity was not found."), None
        key = headers.get("x-goog-api-key") or (query.get("key") or [None])[0]
        if vertex.is_vertex(match):  # Vertex AI: an OAuth bearer token instead of an API key
            key = expected = headers.get("authorization", "").removeprefix("Bearer ") or None
        else:
            expected = self.api_key
        if not key:
            return 403, js, error_body(403, _NO_KEY), None
        if expected and key != expected:
            err = error_body(400, "API key not valid. Please pass a valid API key.")
            err["error"]["details"] = [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                        "reason": "API_KEY_INVALID", "domain": "googleapis.com"}]
            return 400, js, err, None
        if endpoint in _CALLS and not isinstance(body, dict):
            raise BadRequest("Invalid JSON payload received.")
        if endpoint == "interactions.create":
            model = str(body.get("model") or "").removeprefix("models/")
        if endpoint in _CALLS or endpoint in _FREE:
            gone = gone_message(model or "", calling=endpoint != "models.get", strict=bool(self.strict_models))
            if gone:
                return 404, js, error_body(404, gone), None
        if endpoint in _CALLS:
            wait = self._limiter.check(model or "", self.requests_per_minute, self.rate_window_s)
            if wait is not None:
                msg = f"Quota exceeded for requests per minute for model {model}. Please retry in {wait:.1f}s."
                return 429, js, error_body(429, msg, format_delay(wait), model), None
        op = None
        if endpoint == "operation":
            op_id = vertex.operation_id(match, body)
            with self._lock:
                op = self._operations.get(op_id)
            if op is None:
                return 404, js, error_body(404, f"Operation {op_id} not found."), None
            model = model or op.model
        is_image = endpoint == "generateContent" and is_image_request(body)
        fault = self.faults.take(endpoint, model, is_image)
        name = fault.name if fault else None
        refusal = permanent_refusal(name, model)
        if refusal is not None:
            return refusal[0], js, refusal[1], fault
        if name == "timeout":
            time.sleep(self.timeout_sleep_s)
        if name in ("rate_limited", "poll_rate_limited"):
            delay = fault.retry_delay or self.retry_delay  # type: ignore[union-attr]
            return 429, js, error_body(429, "Resource has been exhausted (e.g. check quota).", delay, model), fault
        if name == "server_error":
            return 500, js, error_body(500, "An internal error has occurred. Please retry."), fault
        if name == "unavailable":
            return 503, js, error_body(503, "The model is overloaded. Please try again later."), fault
        if endpoint in ("models.get", "countTokens", "interactions.create", "interactions.get", "download"):
            return serve_interactions_api(self, endpoint, match, query, body, fault)
        if endpoint == "generateContent":
            with self._lock:
                self._index += 1
                index = self._index
            return 200, js, generate_content(body, model or "", fault, index, int(self.seed), self.responder,
                                            str(self.writer)), fault
        if endpoint == "predictLongRunning":
            new = new_operation(body, model or "", fault)
            if vertex.is_vertex(match):
                new.name = vertex.operation_name(match, new.name.rsplit("/", 1)[1])
            with self._lock:
                self._operations[new.name.rsplit("/", 1)[1]] = new
            return 200, js, {"name": new.name}, fault
        if endpoint == "operation" and op is not None:
            with self._lock:
                payload = operation_payload(op, int(self.polls_until_done),
                                            self.base_url if self.local_video_uris else None)
                for fid in op.file_ids:
                    self._files.setdefault(fid, delivered_shape(op.aspect_ratio, op.duration_s, op.fault))
            if vertex.is_vertex(match):
                payload = vertex.to_vertex(payload, op.name, op.aspect_ratio, op.duration_s)
            return 200, js, payload, fault
        raise BadRequest(f"unrouted endpoint {endpoint}")

    def submissions(self) -> list[RecordedRequest]:
        """Accepted paid render submissions (Interactions creates and Veo predictLongRunning)."""
        return [r for r in self.requests if r.endpoint in ("interactions.create", "predictLongRunning")
                and r.status == 200]


@contextlib.contextmanager
def running_gemini_simulator(**config: Any) -> Iterator[GeminiSimulator]:
    """Start a simulator for the duration of a `with` block."""
    sim = GeminiSimulator(**config)
    try:
        yield sim
    finally:
        sim.stop()
