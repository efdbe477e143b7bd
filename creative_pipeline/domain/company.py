"""Companies and their distilled website context."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Literal
from urllib.parse import urlsplit
from uuid import UUID

from pydantic import BaseModel, Field, field_validator

UVP_MAX_CHARS = 1000
SLUG_MAX_CHARS = 48


class CompanyIn(BaseModel):
    """What a person (or upstream app) gives us: validated before anything is written."""

    url: str = Field(max_length=2048)
    uvp: str
    name: str | None = Field(default=None, max_length=200)
    user_id: UUID | None = None
    budget_usd: float | None = Field(default=None, ge=0)  # None = COMPANY_BUDGET_USD; 0 = no limit

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        value = value.strip()
        parts = urlsplit(value)
        if parts.scheme.lower() not in {"http", "https"}:
            raise ValueError(f"website URL must start with http:// or https:// (got {value!r})")
        if not parts.hostname:
            raise ValueError(f"website URL has no host: {value!r}")
        return value

    @field_validator("uvp")
    @classmethod
    def _uvp(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("the unique value proposition (UVP) is empty")
        if len(value) > UVP_MAX_CHARS:
            raise ValueError(f"the UVP is {len(value)} characters; keep it under {UVP_MAX_CHARS}")
        return value

    def display_name(self) -> str:
        if self.name and self.name.strip():
            return self.name.strip()
        host = urlsplit(self.url).hostname or "company"
        return host.removeprefix("www.").split(".")[0].replace("-", " ").title()


def slugify(text: str, max_chars: int = SLUG_MAX_CHARS) -> str:
    """A partition-key-safe slug: lower-case ascii, digits and single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return (slug[:max_chars].rstrip("-")) or "company"


class Company(BaseModel):
    id: UUID
    slug: str
    name: str
    url: str
    uvp: str
    user_id: UUID | None = None
    budget_usd: float | None = None  # None = the deployment default (COMPANY_BUDGET_USD); 0 = no limit
    created_at: datetime
    # set by whatever first ran the pipeline (sensor, CLI, demo, UI): the sensor never launches twice
    pipeline_launched_at: datetime | None = None
    archived_at: datetime | None = None


PROOF_CLAIM_MAX = 300
PROOF_QUOTE_MAX = 400


class ProofPoint(BaseModel):
    """Something an ad may claim, with the page's own words that back it.

    `quote` is exact text from the fetched page's visible text (whitespace normalised only); a
    proof point whose quote is not found there is dropped before it is stored, so a number,
    rating, review or award in an ad can be traced back to the site (issue 15 item 1).
    """

    claim: str = Field(max_length=PROOF_CLAIM_MAX)
    quote: str = Field(max_length=PROOF_QUOTE_MAX)


class CompanyContext(BaseModel):
    """The site distilled; `source` says whether it came from the site or from the UVP alone.

    `offer` is empty unless the page (or the UVP, for a UVP-only context) states one: an
    invented offer is worse than none. `proof_points` default to empty so contexts stored
    before they existed keep loading.
    """

    title: str = ""
    description: str = ""
    headings: list[str] = Field(default_factory=list)
    main_text: str = ""
    offer: str = ""
    proof_points: list[ProofPoint] = Field(default_factory=list)
    audience_cues: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    brand_colors: list[str] = Field(default_factory=list)
    final_url: str | None = None
    source: Literal["website", "uvp_only"] = "website"
    scrape_error: str | None = None
