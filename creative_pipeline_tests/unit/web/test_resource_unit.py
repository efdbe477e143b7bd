"""WebResource turns every fetch problem into a labelled UVP-only context, never an exception."""

from __future__ import annotations

import socket

import httpx
import pytest

from creative_pipeline.resources.web.resource import WebResource, uvp_only_context

UVP = "Meal kits for busy parents: dinner in 20 minutes, first box 50% off."


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("network touched")

    monkeypatch.setattr(socket, "getaddrinfo", forbidden)
    monkeypatch.setattr(httpx.Client, "send", forbidden)


def test_uvp_only_context_is_built_from_the_uvp() -> None:
    ctx = uvp_only_context(f"  {UVP}\n", "refused: because")
    assert ctx.source == "uvp_only" and ctx.scrape_error == "refused: because"
    assert ctx.description == UVP
    assert ctx.offer == "Meal kits for busy parents: dinner in 20 minutes, first box 50% off."
    assert "for busy parents" in ctx.audience_cues
    assert ctx.keywords[:3] == ["meal", "kits", "busy"]
    assert ctx.title == "" and ctx.final_url is None


def test_uvp_without_an_offer_has_no_offer() -> None:
    assert uvp_only_context("The calmest CRM on earth.", "x").offer == ""


@pytest.mark.parametrize(
    ("url", "reason"),
    [("http://169.254.169.254/latest/meta-data/", "metadata"), ("file:///etc/passwd", "only http"),
     ("http://10.0.0.1/", "10.0.0.1 is a private address")],
)
def test_refused_site_falls_back_to_the_uvp(url: str, reason: str, no_network: None) -> None:
    ctx = WebResource().fetch_context(url, UVP)
    assert ctx.source == "uvp_only" and ctx.description == UVP
    assert ctx.scrape_error is not None and reason in ctx.scrape_error


def test_resource_defaults_match_the_design() -> None:
    resource = WebResource()
    fetcher = resource.fetcher()
    assert (resource.allow_hosts, resource.timeout_s, resource.max_bytes, resource.max_redirects) == ([], 10.0, 2_000_000, 5)
    assert fetcher.user_agent == "creative-pipeline/0.1 (+site-context)" and fetcher.max_redirects == 5


def test_a_malformed_allow_list_fails_at_configuration() -> None:
    with pytest.raises(ValueError, match="allow_hosts entry"):
        WebResource(allow_hosts=["127.0.0.1:port"])
