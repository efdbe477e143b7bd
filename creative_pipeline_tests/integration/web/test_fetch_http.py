"""SafeFetcher and WebResource against real HTTP servers on 127.0.0.1."""

from __future__ import annotations

import gzip
import socket
import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from creative_pipeline.resources.web.fetcher import FetchFailed, FetchRefused, SafeFetcher
from creative_pipeline.resources.web.resource import WebResource
from creative_pipeline_tests.unit.web.sample_pages import SHOP_PAGE

HTML = "text/html; charset=utf-8"
UVP = "Meal kits for busy parents, first box free."


def test_happy_path_fetch_and_extract(site: HTTPServer, allow: list[str]) -> None:
    site.expect_request("/").respond_with_data(SHOP_PAGE, content_type=HTML)
    ctx = WebResource(allow_hosts=allow).fetch_context(site.url_for("/"), UVP)
    assert ctx.source == "website" and ctx.scrape_error is None
    assert ctx.title == "GreenBox — Fresh Meal Kits Delivered"
    assert ctx.description.startswith("Chef-designed meal kits")
    assert "How it works" in ctx.headings
    assert ctx.brand_colors[0] == "#2E7D32" and "meal" in ctx.keywords
    assert ctx.final_url == site.url_for("/")
    request, _ = site.log[0]
    assert request.headers["User-Agent"] == "creative-pipeline/0.1 (+site-context)"
    assert request.headers["Host"] == f"127.0.0.1:{site.port}"


def test_redirect_chain_inside_the_allow_list(site: HTTPServer, allow: list[str]) -> None:
    site.expect_request("/a").respond_with_data("", status=301, headers={"Location": "b"})
    site.expect_request("/b").respond_with_data("", status=302, headers={"Location": site.url_for("/c")})
    site.expect_request("/c").respond_with_data("", status=308, headers={"Location": "/final?x=1"})
    site.expect_request("/final").respond_with_data("<html><title>Done</title></html>", content_type=HTML)
    page = SafeFetcher(allow_hosts=allow).fetch(site.url_for("/a"))
    assert page.status == 200 and "Done" in page.text
    assert page.url == site.url_for("/a") and page.final_url == site.url_for("/final?x=1")
    assert page.redirects == [site.url_for("/b"), site.url_for("/c"), site.url_for("/final?x=1")]


def test_redirect_to_a_loopback_port_not_allow_listed_is_refused(
    site: HTTPServer, other_site: HTTPServer, allow: list[str]
) -> None:
    other_site.expect_request("/").respond_with_data("<html>secret admin</html>", content_type=HTML)
    site.expect_request("/").respond_with_data("", status=302, headers={"Location": other_site.url_for("/")})
    with pytest.raises(FetchRefused, match="127.0.0.1 is a loopback address"):
        SafeFetcher(allow_hosts=allow).fetch(site.url_for("/"))
    assert len(site.log) == 1 and other_site.log == []


def _chain(site: HTTPServer, hops: int) -> None:
    for i in range(hops):
        site.expect_request(f"/r{i}").respond_with_data("", status=302, headers={"Location": f"/r{i + 1}"})
    site.expect_request(f"/r{hops}").respond_with_data("<html>end</html>", content_type=HTML)


def test_five_redirects_are_followed(site: HTTPServer, allow: list[str]) -> None:
    _chain(site, 5)
    page = SafeFetcher(allow_hosts=allow).fetch(site.url_for("/r0"))
    assert len(page.redirects) == 5 and page.final_url.endswith("/r5")


def test_more_than_five_redirects_are_refused(site: HTTPServer, allow: list[str]) -> None:
    _chain(site, 6)
    with pytest.raises(FetchRefused, match="more than 5 redirects"):
        SafeFetcher(allow_hosts=allow).fetch(site.url_for("/r0"))
    assert len(site.log) == 6  # the 7th URL is never requested


def test_redirect_to_file_scheme_is_refused(site: HTTPServer, allow: list[str]) -> None:
    site.expect_request("/").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchRefused, match="only http and https"):
        SafeFetcher(allow_hosts=allow).fetch(site.url_for("/"))


def test_oversize_body_is_truncated_and_flagged(site: HTTPServer, allow: list[str]) -> None:
    body = "<html><title>Big</title><body>" + "x" * 5000 + "</body></html>"
    site.expect_request("/").respond_with_data(body, content_type=HTML)
    page = SafeFetcher(allow_hosts=allow, max_bytes=1000).fetch(site.url_for("/"))
    assert page.truncated and page.bytes_read == 1000 and len(page.text) == 1000
    assert page.text.startswith("<html><title>Big")


def test_body_at_the_limit_is_not_flagged(site: HTTPServer, allow: list[str]) -> None:
    body = ("<html>" + "y" * 994).encode()
    site.expect_request("/").respond_with_data(body, content_type=HTML)
    page = SafeFetcher(allow_hosts=allow, max_bytes=1000).fetch(site.url_for("/"))
    assert not page.truncated and page.bytes_read == 1000


def test_gzip_page_is_decoded_and_a_gzip_bomb_is_bounded(site: HTTPServer, allow: list[str]) -> None:
    small = gzip.compress(b"<html><title>Zipped</title></html>")
    bomb = gzip.compress(b"<html>" + b" " * 50_000_000)  # ~50 KB on the wire, 50 MB inflated
    site.expect_request("/small").respond_with_data(small, content_type=HTML, headers={"Content-Encoding": "gzip"})
    site.expect_request("/bomb").respond_with_data(bomb, content_type=HTML, headers={"Content-Encoding": "gzip"})
    fetcher = SafeFetcher(allow_hosts=allow, max_bytes=100_000)
    assert "Zipped" in fetcher.fetch(site.url_for("/small")).text
    page = fetcher.fetch(site.url_for("/bomb"))
    assert page.truncated and page.bytes_read == 100_000


@pytest.mark.parametrize("content_type", ["application/json", "image/png", "text/plain; charset=utf-8"])
def test_non_html_is_refused(site: HTTPServer, allow: list[str], content_type: str) -> None:
    site.expect_request("/").respond_with_data(b"\x89PNG{}", content_type=content_type)
    with pytest.raises(FetchRefused, match=content_type.split(";")[0]):
        SafeFetcher(allow_hosts=allow).fetch(site.url_for("/"))


def _no_content_type(body: bytes):  # noqa: ANN202 - werkzeug handler factory
    def handler(request: Request) -> Response:
        response = Response(body)
        del response.headers["Content-Type"]
        return response

    return handler


def test_missing_content_type_is_sniffed(site: HTTPServer, allow: list[str]) -> None:
    site.expect_request("/page").respond_with_handler(_no_content_type(b"<!DOCTYPE html><html><title>T</title></html>"))
    site.expect_request("/blob").respond_with_handler(_no_content_type(b"\x00\x01binary"))
    fetcher = SafeFetcher(allow_hosts=allow)
    assert "T" in fetcher.fetch(site.url_for("/page")).text
    with pytest.raises(FetchRefused, match="does not look like HTML"):
        fetcher.fetch(site.url_for("/blob"))


def test_declared_charset_is_used(site: HTTPServer, allow: list[str]) -> None:
    site.expect_request("/").respond_with_data("<title>Café Olé</title>".encode("latin-1"), content_type="text/html; charset=iso-8859-1")
    assert "Café Olé" in SafeFetcher(allow_hosts=allow).fetch(site.url_for("/")).text


def test_slow_server_times_out(site: HTTPServer, allow: list[str]) -> None:
    def sleepy(request: Request) -> Response:
        time.sleep(1.5)
        return Response("<html>late</html>", content_type=HTML)

    site.expect_request("/").respond_with_handler(sleepy)
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="timed out after 0.5s"):
        SafeFetcher(allow_hosts=allow, timeout_s=0.5).fetch(site.url_for("/"))
    assert time.monotonic() - started < 1.3


def test_slow_drip_body_hits_the_total_deadline(site: HTTPServer, allow: list[str]) -> None:
    def drip(request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            for _ in range(20):
                time.sleep(0.15)
                yield b"<p>drip</p>"

        return Response(chunks(), content_type=HTML)

    site.expect_request("/").respond_with_handler(drip)
    started = time.monotonic()
    with pytest.raises(FetchFailed, match="timed out"):
        SafeFetcher(allow_hosts=allow, timeout_s=0.6).fetch(site.url_for("/"))
    assert time.monotonic() - started < 1.5


def test_http_error_status_is_a_failure(site: HTTPServer, allow: list[str]) -> None:
    site.expect_request("/").respond_with_data("<html>nope</html>", status=404, content_type=HTML)
    with pytest.raises(FetchFailed, match="HTTP 404"):
        SafeFetcher(allow_hosts=allow).fetch(site.url_for("/"))


def test_not_allow_listed_port_is_refused_before_connecting(other_site: HTTPServer, allow: list[str]) -> None:
    other_site.expect_request("/").respond_with_data("<html>x</html>", content_type=HTML)
    with pytest.raises(FetchRefused, match="loopback"):
        SafeFetcher(allow_hosts=allow).fetch(other_site.url_for("/"))
    assert other_site.log == []


def _fake_dns(monkeypatch: pytest.MonkeyPatch, names: dict[str, str], lookups: list[str]) -> None:
    """Test names resolve to loopback; numeric hosts go to the real resolver (no DNS traffic)."""
    real = socket.getaddrinfo

    def resolver(host: str, port: object, *args: object, **kwargs: object) -> list:
        if host in names:
            lookups.append(host)
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (names[host], port))]
        if host.replace(".", "").isdigit():
            return real(host, port, *args, **kwargs)
        raise AssertionError(f"unexpected lookup of {host}")

    monkeypatch.setattr(socket, "getaddrinfo", resolver)


def test_name_resolving_to_loopback_is_refused_even_by_redirect(
    site: HTTPServer, allow: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lookups: list[str] = []
    _fake_dns(monkeypatch, {"evil.test": "127.0.0.1"}, lookups)
    site.expect_request("/").respond_with_data("", status=302, headers={"Location": f"http://evil.test:{site.port}/"})
    with pytest.raises(FetchRefused, match="evil.test resolves to 127.0.0.1 is a loopback"):
        SafeFetcher(allow_hosts=allow).fetch(site.url_for("/"))
    assert lookups == ["evil.test"] and len(site.log) == 1


def test_allow_listed_name_connects_to_the_pinned_address(
    site: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    lookups: list[str] = []
    _fake_dns(monkeypatch, {"shop.test": "127.0.0.1"}, lookups)
    site.expect_request("/").respond_with_data("<html><title>Pinned</title></html>", content_type=HTML)
    page = SafeFetcher(allow_hosts=[f"shop.test:{site.port}"]).fetch(f"http://shop.test:{site.port}/")
    assert "Pinned" in page.text and lookups == ["shop.test"]
    assert site.log[0][0].headers["Host"] == f"shop.test:{site.port}"


def test_resource_falls_back_when_the_site_is_unreachable() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    ctx = WebResource(allow_hosts=[f"127.0.0.1:{port}"], timeout_s=2).fetch_context(f"http://127.0.0.1:{port}/", UVP)
    assert ctx.source == "uvp_only" and "could not connect" in (ctx.scrape_error or "")
    assert ctx.offer == UVP and ctx.description == UVP


def test_resource_falls_back_when_the_site_is_refused(other_site: HTTPServer) -> None:
    other_site.expect_request("/").respond_with_data("<html>x</html>", content_type=HTML)
    ctx = WebResource().fetch_context(other_site.url_for("/"), UVP)
    assert ctx.source == "uvp_only" and "loopback" in (ctx.scrape_error or "") and other_site.log == []


def test_resource_falls_back_on_a_javascript_only_page(site: HTTPServer, allow: list[str]) -> None:
    site.expect_request("/").respond_with_data('<html><body><div id="root"></div><script>app()</script></body></html>', content_type=HTML)
    ctx = WebResource(allow_hosts=allow).fetch_context(site.url_for("/"), UVP)
    assert ctx.source == "uvp_only" and "no readable text" in (ctx.scrape_error or "")
