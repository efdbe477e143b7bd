"""Header normalisation and the canonical column aliases of each ad platform.

Exports drift: Meta writes `Amount spent (USD)` (any ISO currency inside the header), TikTok
renamed `Ad Name` to `Ad name` and writes `Clicks（Destination）` with full-width parentheses
in some locales, Google abbreviates (`Impr.`, `Conv. value`). We therefore compare headers only
after `normalize_header`: NFKC (full-width -> ASCII), BOM and quotes stripped, casefolded,
whitespace collapsed. A trailing `(XYZ)` is treated as a currency code *only* when the header
without it is a money column, because `Clicks (all)` is not Albanian leks.

Alias lists are ordered by preference: the first alias present in a file wins, so a Meta file
with both `Link clicks` and `Clicks (all)` is read by link clicks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_SPACES = re.compile(r"\s+")
_OPEN = re.compile(r"\s*\(\s*")
_CLOSE = re.compile(r"\s*\)")
_TRAILING_CODE = re.compile(r"^(?P<base>.*?)\s*\((?P<code>[a-z]{3})\)$")

# Canonical fields a parser can map. `date` is a single-day (or "A - B" range) cell; `date_start`
# and `date_end` are Meta's reporting window; `week`/`month` are Google's coarser segments.
MONEY_FIELDS = frozenset({"spend", "revenue"})

META_ALIASES: dict[str, tuple[str, ...]] = {
    "ad_name": ("ad name", "ad"),
    "date": ("day", "date"),
    "date_start": ("reporting starts", "reporting start", "starts"),
    "date_end": ("reporting ends", "reporting end", "ends"),
    "impressions": ("impressions",),
    "clicks": ("link clicks", "clicks (all)", "clicks"),
    "spend": ("amount spent", "spend", "amount spent (all)"),
    "conversions": ("purchases", "website purchases", "meta purchases", "conversions"),
    "revenue": (
        "purchases conversion value",
        "website purchases conversion value",
        "purchase conversion value",
        "conversion value",
    ),
    "roas": (
        "purchase roas (return on ad spend)",
        "website purchase roas (return on ad spend)",
        "purchase roas",
    ),
    "ctr": ("ctr (link click-through rate)", "ctr (all)", "ctr"),
    "currency": ("currency",),
}

GOOGLE_ADS_ALIASES: dict[str, tuple[str, ...]] = {
    "ad_name": ("ad name", "ad"),
    "date": ("day", "date"),
    "week": ("week",),
    "month": ("month",),
    "impressions": ("impr.", "impressions", "impr"),
    "clicks": ("clicks",),
    "spend": ("cost",),
    "conversions": ("conversions", "conv."),
    "revenue": ("conv. value", "conversion value", "total conv. value"),
    "ctr": ("ctr",),
    "currency": ("currency code", "currency"),
    "campaign": ("campaign",),
    "ad_group": ("ad group",),
}

TIKTOK_ALIASES: dict[str, tuple[str, ...]] = {
    "ad_name": ("ad name",),
    "date": ("date", "by day", "day", "stat time day", "time"),
    "impressions": ("impressions", "impression"),
    "clicks": ("clicks (destination)", "clicks", "clicks (all)"),
    "spend": ("cost", "total cost", "spend"),
    "conversions": ("conversions", "complete payment", "total complete payment", "results"),
    "revenue": ("total complete payment value", "complete payment value", "purchase value"),
    "roas": ("complete payment roas", "roas (complete payment)"),
    "ctr": ("ctr (destination)", "ctr"),
    "currency": ("currency",),
}

PLATFORM_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "meta": META_ALIASES,
    "google_ads": GOOGLE_ADS_ALIASES,
    "tiktok": TIKTOK_ALIASES,
}

# Headers only one platform writes: they decide auto-detection before field counts do.
PLATFORM_MARKERS: dict[str, frozenset[str]] = {
    "meta": frozenset({"reporting starts", "reporting ends", "amount spent", "link clicks",
                       "purchase roas (return on ad spend)", "ctr (link click-through rate)"}),
    "google_ads": frozenset({"impr.", "conv. value", "currency code", "ad group", "conv.",
                             "avg. cpc", "cost / conv."}),
    "tiktok": frozenset({"clicks (destination)", "ctr (destination)", "total cost",
                         "cpc (destination)", "complete payment"}),
}

# What a human should see in an error: the headers as the platform writes them.
EXPECTED_HEADERS: dict[str, tuple[str, ...]] = {
    "meta": ("Ad name", "Reporting starts", "Reporting ends", "Amount spent (USD)", "Impressions",
             "Link clicks", "Purchases", "Purchase ROAS (return on ad spend)"),
    "google_ads": ("Day", "Ad", "Impr.", "Clicks", "Cost", "Conversions", "Conv. value",
                   "Currency code"),
    "tiktok": ("Ad name", "Date", "Cost", "Impressions", "Clicks (destination)", "Conversions",
               "Currency"),
}


def normalize_header(raw: str) -> tuple[str, str | None]:
    """Return (normalised header, currency code found in it or None)."""
    text = unicodedata.normalize("NFKC", str(raw)).replace("\ufeff", "").strip().strip('"\'')
    text = _SPACES.sub(" ", text.casefold()).strip()
    text = _CLOSE.sub(")", _OPEN.sub(" (", text)).strip()  # "Clicks（Destination）" -> "clicks (destination)"
    match = _TRAILING_CODE.match(text)
    if match and not _is_alias(text) and _is_money_alias(match["base"]):
        return match["base"], match["code"].upper()
    return text, None


def _is_alias(norm: str) -> bool:
    return any(norm in aliases for table in PLATFORM_ALIASES.values() for aliases in table.values())


def _is_money_alias(norm: str) -> bool:
    return any(
        norm in table[f] for table in PLATFORM_ALIASES.values() for f in MONEY_FIELDS if f in table
    )


def known_headers() -> frozenset[str]:
    """Every alias of every platform: what the sniffer scores candidate header lines against."""
    return frozenset(a for table in PLATFORM_ALIASES.values() for al in table.values() for a in al)


@dataclass(frozen=True)
class ColumnMap:
    """Which file column (by position) feeds which canonical field, for one platform."""

    platform: str
    fields: dict[str, int]
    headers: list[str]
    header_currency: str | None = None
    currencies_in_headers: dict[str, str] = field(default_factory=dict)

    def header_of(self, fld: str) -> str:
        return self.headers[self.fields[fld]]


def map_columns(platform: str, headers: list[str]) -> ColumnMap:
    """Resolve each canonical field to the first header (by alias preference) present."""
    normalised = [normalize_header(h) for h in headers]
    positions: dict[str, int] = {}
    for i, (norm, _code) in enumerate(normalised):
        positions.setdefault(norm, i)  # duplicate headers: the first one wins
    fields: dict[str, int] = {}
    for fld, aliases in PLATFORM_ALIASES[platform].items():
        for alias in aliases:
            if alias in positions and positions[alias] not in fields.values():
                fields[fld] = positions[alias]
                break
    codes = {headers[i]: code for i, (_n, code) in enumerate(normalised) if code}
    money_codes = {normalised[fields[f]][1] for f in MONEY_FIELDS if f in fields} - {None}
    header_currency = next(iter(money_codes)) if len(money_codes) == 1 else None
    return ColumnMap(platform, fields, list(headers), header_currency, codes)


def marker_score(platform: str, headers: list[str]) -> int:
    """How many headers only `platform` writes appear in `headers`."""
    return sum(normalize_header(h)[0] in PLATFORM_MARKERS[platform] for h in headers)
