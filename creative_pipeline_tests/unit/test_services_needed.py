"""A test that needs a broker says why it cannot run, and CI can make that a failure."""

import socket

import pytest

from creative_pipeline_tests.services_needed import reachable, require_service


def _closed_port() -> int:
    with socket.socket() as probe:  # free a moment ago, nothing listens there now
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_broker_skips_with_the_reason_and_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CP_REQUIRE_SERVICES", raising=False)
    url = f"pyamqp://guest:guest@127.0.0.1:{_closed_port()}//"
    assert not reachable(url)
    with pytest.raises(pytest.skip.Exception, match="RabbitMQ.*not reachable.*rabbitmq-server -detached"):
        require_service("the broker (RabbitMQ)", url)


def test_ci_turns_the_skip_into_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CP_REQUIRE_SERVICES", "1")
    with pytest.raises(pytest.fail.Exception, match="CP_REQUIRE_SERVICES=1"):
        require_service("the cache (Redis)", f"redis://127.0.0.1:{_closed_port()}/0")


def test_a_listening_service_passes() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        require_service("a listener", f"redis://127.0.0.1:{server.getsockname()[1]}/0")
