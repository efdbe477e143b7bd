"""Tests that need a service a user's machine may lack (a message broker, a cache) say why.

On a machine without RabbitMQ or Redis the multi-machine test is skipped with the reason and the
command that starts the service; CI sets `CP_REQUIRE_SERVICES=1`, which turns that skip into a
failure, so a broker that CI expects but cannot reach is never silently passed over.
"""

from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

import pytest

START_HINTS = {
    "amqp": "rabbitmq-server -detached",
    "pyamqp": "rabbitmq-server -detached",
    "redis": "redis-server --daemonize yes --bind 127.0.0.1 --port 6379",
}


def reachable(url: str, timeout_s: float = 2.0) -> bool:
    parts = urlsplit(url)
    default_port = {"amqp": 5672, "pyamqp": 5672, "redis": 6379}.get(parts.scheme, 0)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or default_port), timeout_s):
            return True
    except OSError:
        return False


def require_service(name: str, url: str) -> None:
    """Skip (or, under CP_REQUIRE_SERVICES=1, fail) when `url` does not accept a connection."""
    if reachable(url):
        return
    parts = urlsplit(url)
    reason = (f"{name} is not reachable at {parts.hostname}:{parts.port} ({parts.scheme}); start it with "
              f"`{START_HINTS.get(parts.scheme, 'its service')}` or point the test elsewhere")
    if os.environ.get("CP_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} — CP_REQUIRE_SERVICES=1 makes this a failure")
    pytest.skip(reason)
