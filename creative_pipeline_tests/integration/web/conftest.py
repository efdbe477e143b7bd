"""Real HTTP servers on 127.0.0.1 for the fetcher: our own, so no other suite's settings leak in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer


def _server() -> HTTPServer:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    return server


@pytest.fixture(scope="module")
def _site_server() -> Iterator[HTTPServer]:
    server = _server()
    yield server
    server.clear()
    server.stop()


@pytest.fixture(scope="module")
def _other_server() -> Iterator[HTTPServer]:
    server = _server()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def site(_site_server: HTTPServer) -> HTTPServer:
    """The allow-listed site (127.0.0.1:<its port>)."""
    _site_server.clear()
    return _site_server


@pytest.fixture
def other_site(_other_server: HTTPServer) -> HTTPServer:
    """A second loopback server that is NOT allow-listed: must never receive a request."""
    _other_server.clear()
    return _other_server


@pytest.fixture
def allow(site: HTTPServer) -> list[str]:
    return [f"127.0.0.1:{site.port}"]
