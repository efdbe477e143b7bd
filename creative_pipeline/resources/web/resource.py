"""The `web` Dagster resource: the company site in, a CompanyContext out, never a crash.

A site that is down, slow, private, not HTML or empty must not stop a company's pipeline: the
UVP alone is enough to write personas and scripts. So every fetch problem becomes a
`source="uvp_only"` context that carries the reason in `scrape_error`, which the asset shows in
its metadata so an operator can see *why* the site was not used.
"""

from __future__ import annotations

import logging

from bs4.exceptions import ParserRejectedMarkup
from dagster import ConfigurableResource
from pydantic import BaseModel, Field, field_validator

from creative_pipeline.domain.company import CompanyContext
from creative_pipeline.resources.web.address_policy import AllowList
from creative_pipeline.resources.web.brand_candidates import PageBrand, read_page_brand
from creative_pipeline.resources.web.brand_read import BrandImages, fetch_brand_images
from creative_pipeline.resources.web.extract import extract_context
from creative_pipeline.resources.web.fetcher import (
    FETCH_MAX_BYTES,
    FETCH_MAX_REDIRECTS,
    FETCH_TIMEOUT_S,
    USER_AGENT,
    FetchError,
    SafeFetcher,
)
from creative_pipeline.resources.web.heuristics import (
    find_audience_cues,
    find_offer,
    keywords_from_text,
)
from creative_pipeline.settings import setting

logger = logging.getLogger(__name__)


class SiteRead(BaseModel):
    """One read of a company's site: the distilled context, the page's brand signals (image
    candidates, font families) and the brand images that passed every check."""

    context: CompanyContext
    brand: PageBrand = PageBrand()
    images: BrandImages = BrandImages()


def uvp_only_context(uvp: str, reason: str) -> CompanyContext:
    """A context built from the UVP alone, labelled as such and saying why the site was not used."""
    uvp = " ".join(uvp.split())
    return CompanyContext(
        description=uvp,
        offer=find_offer([uvp]),
        audience_cues=find_audience_cues([uvp]),
        keywords=keywords_from_text(uvp),
        source="uvp_only",
        scrape_error=reason,
    )


class WebResource(ConfigurableResource):
    """SSRF-safe site fetching. `allow_hosts` ("host" or "host:port") is only for local demo
    and test servers: everything else must resolve to public addresses."""

    allow_hosts: list[str] = setting("web_allow_hosts", description='Exact exceptions: "host" or "host:port".')
    timeout_s: float = Field(default=FETCH_TIMEOUT_S, description="Total time budget per site (DNS, redirects, body).")
    max_bytes: int = Field(default=FETCH_MAX_BYTES, description="Body cap; longer pages are truncated and flagged.")
    max_redirects: int = Field(default=FETCH_MAX_REDIRECTS, description="Redirect hops followed, each one re-vetted.")
    user_agent: str = USER_AGENT

    @field_validator("allow_hosts")
    @classmethod
    def _valid_allow_hosts(cls, entries: list[str]) -> list[str]:
        AllowList(entries)  # fail when the resource is configured, not on the first company
        return entries

    def fetcher(self) -> SafeFetcher:
        """The fetcher these settings describe (cheap: a frozen settings object)."""
        return SafeFetcher(
            timeout_s=self.timeout_s,
            max_bytes=self.max_bytes,
            max_redirects=self.max_redirects,
            allow_hosts=list(self.allow_hosts),
            user_agent=self.user_agent,
        )

    def fetch_context(self, url: str, uvp: str) -> CompanyContext:
        """Fetch and distil `url`; on any fetch problem, the UVP-only context with the reason."""
        return self.read_site(url, uvp, images=False).context

    def read_site(self, url: str, uvp: str, images: bool = True) -> SiteRead:
        """The context plus the page's brand signals, and (with `images`) its checked brand
        images (`brand_read.py`: a few, each fetched in image mode and checked)."""
        try:
            page = self.fetcher().fetch(url)
        except FetchError as exc:
            logger.warning("site not used for %s: %s", url, exc.reason)
            return SiteRead(context=uvp_only_context(uvp, exc.reason))
        try:
            context = extract_context(page.text, page.final_url)
            brand = read_page_brand(page.text, page.final_url)
        except ParserRejectedMarkup as exc:
            return SiteRead(context=uvp_only_context(uvp, f"the page at {page.final_url} could not be parsed: {exc}"))
        if page.truncated:
            logger.info("page %s truncated at %d bytes", page.final_url, page.bytes_read)
        found = fetch_brand_images(self.fetcher(), brand.candidates) if images else BrandImages()
        if not (context.title or context.description or context.main_text):
            context = uvp_only_context(uvp, f"the page at {page.final_url} has no readable text (rendered by JavaScript?)")
        return SiteRead(context=context, brand=brand, images=found)
