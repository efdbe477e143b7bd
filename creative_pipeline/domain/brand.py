"""The brand's own material: its checked images (product photos, logo) and its brand kit.

Why these exist: an ad that shows an invented product is not the brand's ad. The images are the
references the image model gets ("keep this product exactly as it is"); the kit (colours, a
typeface the project can render, tone of voice with the page text each word came from, the logo)
is what the overlay and the prompts use — like Google Labs' Pomelli "Business DNA".

The kit stays small and explainable: every value says where it came from (`source`), and a value
the user set wins over what a later scrape finds (`user_fields`).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field, field_validator

BrandAssetKind = Literal["product", "logo", "other"]
BrandAssetOrigin = Literal["site", "user"]
IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp")
# How many images one company keeps from its site (documented in docs/brand.md): enough to
# choose a reference from, few enough that a hostile page cannot make us fetch or store much.
MAX_SITE_PRODUCT_IMAGES = 4
MAX_SITE_LOGOS = 1
MAX_USER_IMAGES = 10
MAX_KIT_COLORS = 6
MAX_TONE_WORDS = 5
_HEX = r"^#[0-9A-F]{6}$"


class BrandAsset(BaseModel):
    """One kept, checked brand image: the object in Storage and where it came from.

    `source_url` is the page address for site images and `file:<name>` for a user's upload."""

    id: UUID | None = None
    company_id: UUID | None = None
    kind: BrandAssetKind
    origin: BrandAssetOrigin
    source_url: str
    storage_bucket: str
    storage_path: str
    content_type: Literal["image/jpeg", "image/png", "image/webp"]
    bytes: int = Field(gt=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    width: int = Field(gt=0)
    height: int = Field(gt=0)
    created_at: datetime | None = None

    def public(self) -> dict[str, object]:
        """The JSON a person reads (`show --json`): every column, ids as strings."""
        return self.model_dump(mode="json", exclude={"company_id"})


class ToneWord(BaseModel):
    """One word of the brand's tone of voice and the page text that shows it."""

    word: str = Field(min_length=1, max_length=40)
    evidence: str = Field(default="", max_length=300)


class BrandKit(BaseModel):
    """Colours, typeface, tone and logo of one company (stored as `companies.brand_kit`).

    `font` is a family the project renders (see `media/brand_fonts.py`); `font_source` is what
    the site asked for (e.g. "Playfair Display, serif"), kept so a person sees the mapping."""

    colors: list[str] = Field(default_factory=list, max_length=MAX_KIT_COLORS)
    font: str = "DejaVu Sans"
    font_source: str = ""
    tone: list[ToneWord] = Field(default_factory=list, max_length=MAX_TONE_WORDS)
    logo_path: str | None = None  # storage path of the logo brand asset, when there is one
    source: Literal["site", "uvp_only", "user", "none"] = "none"
    user_fields: list[str] = Field(default_factory=list)  # fields a person set: a re-scrape keeps them
    excluded_sha256: list[str] = Field(default_factory=list)  # site images a person removed: never kept again

    @field_validator("colors", mode="before")
    @classmethod
    def _upper_hex(cls, value: object) -> object:
        if isinstance(value, list):
            return [str(v).strip().upper() for v in value]
        return value

    @field_validator("colors")
    @classmethod
    def _hex_only(cls, value: list[str]) -> list[str]:
        bad = [c for c in value if not re.fullmatch(_HEX, c)]
        if bad:
            raise ValueError(f"brand colours must be #RRGGBB, not {', '.join(bad)}")
        return list(dict.fromkeys(value))

    def merged_over(self, previous: BrandKit | None) -> BrandKit:
        """This (freshly read) kit with every field a person set on `previous` kept."""
        if previous is None:
            return self
        if not previous.user_fields:
            return self.model_copy(update={"excluded_sha256": list(previous.excluded_sha256)})
        kept = {f: getattr(previous, f) for f in previous.user_fields if f in type(self).model_fields}
        if "font" in kept:
            kept["font_source"] = previous.font_source
        return self.model_copy(update={**kept, "user_fields": list(previous.user_fields),
                                       "excluded_sha256": list(previous.excluded_sha256)})


class BrandReferences(BaseModel):
    """What the image model gets besides the brief: the product photo and the logo (bytes and
    their sha256, which the image cache key includes), and the kit for the prompt."""

    product: bytes | None = None
    product_sha256: str | None = None
    product_type: str | None = None
    logo: bytes | None = None
    logo_sha256: str | None = None
    logo_type: str | None = None
    kit: BrandKit | None = None
    missing: list[str] = Field(default_factory=list)  # kept images whose object is not in Storage

    @property
    def any(self) -> bool:
        return self.product is not None or self.logo is not None

    def describe(self) -> str:
        """For metadata: which references were used, or that none exist (today's behaviour)."""
        parts = [name for name, data in (("product photo", self.product),
                                         ("logo (where the brief calls for it)", self.logo)) if data is not None]
        gone = f"; not in storage, so not used: {', '.join(self.missing)}" if self.missing else ""
        return (" + ".join(parts) if parts else "none (no brand image: generated from the brief alone)") + gone
