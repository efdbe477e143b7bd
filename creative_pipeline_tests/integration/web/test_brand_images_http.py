"""The fetcher's image mode and the brand read against real HTTP servers on 127.0.0.1: the
same address policy and re-checked redirects as pages, oversize refused (not truncated) after
reading at most the limit, only real images kept from the bundled sample site."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pytest_httpserver import HTTPServer
from werkzeug import Response

from creative_pipeline.demo.site_server import OVERSIZED_PATH, serve_sample_site
from creative_pipeline.resources.web.fetcher import FetchRefused, SafeFetcher
from creative_pipeline.resources.web.image_fetch import fetch_image
from creative_pipeline.resources.web.resource import WebResource


def jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (400, 300), (10, 120, 200)).save(buf, format="JPEG")
    return buf.getvalue()


def test_an_image_is_fetched_with_an_image_accept_header(site: HTTPServer, allow: list[str]) -> None:
    site.expect_request("/a.jpg").respond_with_data("", status=302, headers={"Location": "/b.jpg"})
    site.expect_request("/b.jpg").respond_with_data(jpeg(), content_type="image/jpeg")
    got = fetch_image(SafeFetcher(allow_hosts=allow), site.url_for("/a.jpg"))
    assert got.data == jpeg() and got.final_url == site.url_for("/b.jpg") and got.redirects == [site.url_for("/b.jpg")]
    assert site.log[0][0].headers["Accept"].startswith("image/")


def test_an_image_redirect_to_a_private_address_is_refused(site: HTTPServer, other_site: HTTPServer, allow: list[str]) -> None:
    other_site.expect_request("/x.jpg").respond_with_data(jpeg(), content_type="image/jpeg")
    site.expect_request("/x.jpg").respond_with_data("", status=302, headers={"Location": other_site.url_for("/x.jpg")})
    with pytest.raises(FetchRefused, match="loopback"):
        fetch_image(SafeFetcher(allow_hosts=allow), site.url_for("/x.jpg"))
    assert other_site.log == []


def test_html_answers_are_refused_before_their_body(site: HTTPServer, allow: list[str]) -> None:
    site.expect_request("/p.jpg").respond_with_data("<html>x</html>", content_type="text/html")
    with pytest.raises(FetchRefused, match="text/html, not a JPEG"):
        fetch_image(SafeFetcher(allow_hosts=allow), site.url_for("/p.jpg"))


def test_an_oversized_image_is_refused_and_reading_stops_at_the_limit(site: HTTPServer, allow: list[str]) -> None:
    produced: list[int] = []

    def endless() -> Response:
        def body():
            yield b"\xff\xd8\xff\xe0"
            for _ in range(2000):  # 2000 x 64 KiB = 125 MiB if nobody stopped reading
                produced.append(1)
                yield b"\0" * 65536
        return Response(body(), content_type="image/jpeg")

    site.expect_request("/big.jpg").respond_with_handler(lambda _req: endless())
    with pytest.raises(FetchRefused, match="larger than 1 MB"):
        fetch_image(SafeFetcher(allow_hosts=allow), site.url_for("/big.jpg"), max_bytes=1_000_000)
    assert len(produced) < 400  # not drained: what was produced past 1 MB sits in socket buffers


def test_a_declared_oversize_is_refused_before_reading(site: HTTPServer, allow: list[str]) -> None:
    site.expect_request("/declared.jpg").respond_with_handler(
        lambda _req: Response(iter([jpeg()]), content_type="image/jpeg", headers={"Content-Length": "20000000"}))
    with pytest.raises(FetchRefused, match="20.0 MB, over the 10 MB limit"):
        fetch_image(SafeFetcher(allow_hosts=allow, timeout_s=3), site.url_for("/declared.jpg"))


def test_only_the_real_images_of_the_sample_site_are_kept() -> None:
    with serve_sample_site() as url:
        site = WebResource(allow_hosts=[url.removeprefix("http://").rstrip("/")]).read_site(url, "Cold brew")
    kept = {(k.kind, k.url.rsplit("/", 1)[-1], k.image.content_type) for k in site.images.kept}
    assert kept == {("logo", "brightbrew-logo.png", "image/png"), ("product", "cold-brew-bottle.jpg", "image/jpeg")}
    refused = {r.url.rsplit("/", 1)[-1]: r.reason for r in site.images.refused}
    assert "is an HTML page" in refused["seasonal-special.jpg"]
    assert "larger than 10 MB (stopped reading)" in refused[OVERSIZED_PATH.rsplit("/", 1)[-1]]
    assert site.brand.font_families[0] == '"Playfair Display", Georgia, serif'
