"""Which currency a row is in: a currency column, a code in the header, or the money cells.

Order of trust: an explicit `Currency` / `Currency code` column, then the ISO code Meta puts
in the header (`Amount spent (USD)`), then symbols or codes written in the spend cells
(`US$1,234.56`, `€12,50`, `1.234,56 EUR`). A bare `$` is read as USD with a warning: it is
the common case, but CAD/AUD/MXN advertisers write `$` too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from creative_pipeline.performance.parsers.numbers import per_unique

if TYPE_CHECKING:
    from creative_pipeline.performance.parsers.common import RawExport

_SYMBOL_CODES = {
    "US$": "USD", "CA$": "CAD", "C$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD",
    "HK$": "HKD", "S$": "SGD", "R$": "BRL", "MX$": "MXN", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₹": "INR", "₩": "KRW", "₺": "TRY", "₽": "RUB", "zł": "PLN", "₪": "ILS", "฿": "THB",
    "₱": "PHP", "₫": "VND", "$": "USD",
}


def currency_from_values(text: pd.Series) -> pd.Series:
    """ISO code from a symbol or code written in money cells (`US$1,234.56`, `1.234,56 EUR`)."""
    def _codes(u: pd.Series) -> pd.Series:
        token = u.str.strip().str.extract(
            r"^[+-]?\(?\s*([A-Z]{3}|[A-Za-z]{0,3}\$|[€£¥₹₩₺₽₪฿₱₫]|zł)|([A-Z]{3}|[€£¥₹₩₺₽₪฿₱₫]|zł)\)?$"
        )
        found = token[0].fillna(token[1])
        return found.map(lambda t: _SYMBOL_CODES.get(t, t if isinstance(t, str) and t.isupper()
                                                     and len(t) == 3 else None))
    return per_unique(text, _codes)


def resolve_currency(raw: RawExport) -> tuple[pd.Series, list[str]]:
    """Per-row currency: currency column, else header code, else symbols in the spend cells."""
    n = len(raw.frame)
    notes: list[str] = []
    if raw.has("currency"):
        cur = per_unique(raw.col("currency"), lambda s: s.str.strip().str.upper())
        cur = cur.where(~cur.isin(["", "--", "N/A"]), None)
    else:
        cur = pd.Series([None] * n, index=raw.frame.index, dtype=object)
    if raw.colmap.header_currency:
        cur = cur.fillna(raw.colmap.header_currency)
    if cur.isna().any() and raw.has("spend"):
        from_values = currency_from_values(raw.col("spend"))
        bare_dollar = per_unique(raw.col("spend"), lambda s: s.str.contains(r"(?<![A-Za-z])\$"))
        if bool((bare_dollar.astype(bool) & cur.isna()).any()):
            notes.append("spend written with a bare '$': currency assumed to be USD")
        cur = cur.fillna(from_values)
    return cur.astype(object).where(cur.notna(), None), notes
