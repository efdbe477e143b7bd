"""SafeFetcher decisions that need no server: URL refusals, pinning, decoding.

No test here sends a packet: the resolver and `httpx.Client.send` are replaced, and hostile
URLs are refused with both of them set to fail the test if touched.
"""

from __future__ import annotations

import ipaddress
import socket

import httpx
import pytest

from creative_pipeline.resources.web.fetcher import (
    FetchRefused,
    SafeFetcher,
    build_pinned_request,
    decode_html,
    parse_target,
)

HOSTILE_URLS = [
    ("file:///etc/passwd", "only http and https"),
    ("gopher://127.0.0.1:70/_x", "only http and https"),
    ("ftp://example.com/", "only http and https"),
    ("data:text/html,<b>x</b>", "only http and https"),
    ("javascript:alert(1)", "only http and https"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local/metadata address"),
    ("http://[::1]/", "::1 is a loopback address"),
    ("http://[::ffff:127.0.0.1]/", "IPv6 form of 127.0.0.1"),
    ("http://2130706433/", "2130706433 decodes to 127.0.0.1 is a loopback"),
    ("http://0x7f000001/", "0x7f000001 decodes to 127.0.0.1"),
    ("http://0177.0.0.1/", "not a valid URL"),
    ("http://127.1/", "127.1 decodes to 127.0.0.1"),
    ("http://10.0.0.1/", "10.0.0.1 is a private address"),
    ("http://100.64.0.1/", "carrier-grade NAT"),
    ("http://0.0.0.0:8080/", "unspecified"),
    ("http://user:pass@example.com/", "credentials"),
    ("http://localhost/", "localhost is a local or metadata host name"),
    ("http://metadata.google.internal/computeMetadata/v1/", "metadata host name"),
    ("http:///nohost", "no host"),
]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Resolver and HTTP client both fail the test if called."""

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network touched: {args[:2]}")

    monkeypatch.setattr(socket, "getaddrinfo", forbidden)
    monkeypatch.setattr(httpx.Client, "send", forbidden)


@pytest.mark.parametrize(("url", "reason"), HOSTILE_URLS)
def test_hostile_urls_are_refused_without_resolving_or_connecting(url: str, reason: str, no_network: None) -> None:
    fetcher = SafeFetcher(allow_hosts=["127.0.0.1:8765"])
    with pytest.raises(FetchRefused) as caught:
        fetcher.fetch(url)
    assert caught.value.reason.startswith("refused: ")
    assert reason in caught.value.reason


def test_allow_list_port_does_not_open_other_ports(no_network: None) -> None:
    with pytest.raises(FetchRefused, match="127.0.0.1 is a loopback"):
        SafeFetcher(allow_hosts=["127.0.0.1:8765"]).fetch("http://127.0.0.1:8766/")


def test_parse_target_keeps_a_normal_url() -> None:
    parsed = parse_target("  https://Shop.Example/path?q=1  ")
    assert (parsed.scheme, parsed.host, parsed.path) == ("https", "shop.example", "/path")


def test_https_request_is_pinned_but_keeps_host_and_sni() -> None:
    request = build_pinned_request(
        httpx.URL("https://shop.example:8443/a?b=1#frag"), ipaddress.ip_address("93.184.216.34"), {"User-Agent": "t"}, 3.0
    )
    assert request.url.host == "93.184.216.34" and request.url.port == 8443
    assert request.url.raw_path == b"/a?b=1"
    assert request.headers["host"] == "shop.example:8443"
    assert request.extensions["sni_hostname"] == "shop.example"
    assert request.extensions["timeout"]["read"] == 3.0


def test_ipv6_pin_and_plain_http_carry_no_sni() -> None:
    request = build_pinned_request(httpx.URL("http://shop.example/"), ipaddress.ip_address("2606:4700::1"), {}, 1.0)
    assert str(request.url) == "http://[2606:4700::1]/"
    assert request.headers["host"] == "shop.example"
    assert "sni_hostname" not in request.extensions


def test_dns_rebinding_cannot_move_the_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """First answer public, later answers loopback: we connect to the first, and ask only once."""
    lookups: list[str] = []

    def rebinding(host: str, *args: object, **kwargs: object) -> list[tuple]:
        lookups.append(host)
        ip = "93.184.216.34" if len(lookups) == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, 80))]

    sent: list[httpx.Request] = []

    def fake_send(self: httpx.Client, request: httpx.Request, **kwargs: object) -> httpx.Response:
        sent.append(request)
        body = httpx.ByteStream(b"<html><title>Rebind</title><body>hello</body></html>")
        return httpx.Response(200, headers={"content-type": "text/html"}, stream=body, request=request)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(httpx.Client, "send", fake_send)
    page = SafeFetcher().fetch("http://rebind.test/")
    assert lookups == ["rebind.test"]
    assert [r.url.host for r in sent] == ["93.184.216.34"]
    assert sent[0].headers["host"] == "rebind.test"
    assert page.final_url == "http://rebind.test/" and "Rebind" in page.text


def test_each_redirect_hop_is_vetted(monkeypatch: pytest.MonkeyPatch) -> None:
    """A public site redirecting to the metadata address is refused before the second request."""
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80))])
    sent: list[httpx.Request] = []

    def redirecting(self: httpx.Client, request: httpx.Request, **kwargs: object) -> httpx.Response:
        sent.append(request)
        return httpx.Response(302, headers={"location": "http://169.254.169.254/latest/meta-data/"}, request=request)

    monkeypatch.setattr(httpx.Client, "send", redirecting)
    with pytest.raises(FetchRefused, match="169.254.169.254 is a link-local/metadata address"):
        SafeFetcher().fetch("http://public.test/")
    assert len(sent) == 1


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        ("Café".encode("latin-1"), "text/html; charset=ISO-8859-1", "Café"),
        ('<meta charset="windows-1252"><p>Caf\xe9</p>'.encode("cp1252"), "text/html", "Café"),
        ("<p>Café</p>".encode("utf-16"), "text/html", "Café"),
        ("Café".encode(), "text/html; charset=zlib", "Café"),  # a bytes codec is not a charset
        ("Café".encode(), "text/html; charset=no-such-charset", "Café"),
        (b"Caf\xff", "text/html", "Caf\ufffd"),
    ],
)
def test_decoding_uses_the_declared_charset_then_utf8_with_replacement(body: bytes, content_type: str, expected: str) -> None:
    assert expected in decode_html(body, content_type)


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError):
        SafeFetcher(timeout_s=0)
    with pytest.raises(ValueError):
        SafeFetcher(max_bytes=-1)
