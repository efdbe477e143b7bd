"""HTTP plumbing for the Gemini simulator: server, handler, config and request records.

Separate from `gemini_simulator` so the routing/fault logic there stays readable.  The
server settings matter: a burst of concurrent SDK calls needs a deep accept queue, and
keep-alive handler threads must never block shutdown.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any

from .http_base import DispatchHandler


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the simulator saw it, plus the status it answered with."""

    method: str
    path: str
    query: dict[str, list[str]]
    endpoint: str | None
    model: str | None
    headers: dict[str, str]
    body: Any
    status: int
    fault: str | None
    at: float = field(default_factory=time.time)  # when the answer was ready
    started: float | None = None  # when the request arrived (before the simulated latency)
    usage: dict[str, int] | None = None  # the usageMetadata the simulator answered with


@dataclass
class SimConfig:
    """Runtime-mutable knobs (see GeminiSimulator)."""

    latency_s: float = 0.0
    requests_per_minute: int | None = None
    rate_window_s: float = 60.0
    seed: int = 0
    polls_until_done: int = 1
    local_video_uris: bool = False  # serve video URIs on this server instead of Google's https form
    retry_delay: str = "1s"
    api_key: str | None = None
    strict_models: bool = False  # unknown model ids answer 404 on calls too (models.get always does)
    writer: str = "careful"  # angle plans and timed scripts: careful | lax | stubborn (gemini_sim_writer)


class ConfigField:
    """Descriptor exposing a SimConfig field as a thread-safe simulator attribute."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        with obj._lock:
            return getattr(obj._config, self.name)

    def __set__(self, obj: Any, value: Any) -> None:
        with obj._lock:
            setattr(obj._config, self.name, value)


class SimServer(ThreadingHTTPServer):
    request_queue_size = 256  # bursts of concurrent SDK calls otherwise fail with ReadError
    daemon_threads = True
    block_on_close = False  # keep-alive handler threads must not block stop()
    sim: Any  # the owning GeminiSimulator (provides _dispatch and _track)


class SimHandler(DispatchHandler):
    timeout = 60

    def setup(self) -> None:
        super().setup()
        self.server.sim._track(self.connection, add=True)  # type: ignore[attr-defined]

    def finish(self) -> None:
        self.server.sim._track(self.connection, add=False)  # type: ignore[attr-defined]
        super().finish()

