"""The platform's CTA button: a value the ad platform draws itself (Meta's call_to_action type,
TikTok's and Google's equivalents), exported with the ad, never painted into the picture.

A script may carry its own button value (`cta_button`, when the script schema has it); otherwise
the CTA line's words choose the closest standard value, and LEARN_MORE is the safe default every
platform offers.
"""

from __future__ import annotations

import re

CTA_BUTTONS: tuple[str, ...] = (
    "SHOP_NOW", "LEARN_MORE", "SIGN_UP", "DOWNLOAD", "BOOK_NOW", "GET_OFFER", "ORDER_NOW", "SUBSCRIBE",
    "CONTACT_US", "GET_QUOTE", "APPLY_NOW", "WATCH_MORE",
)
_WORDS: tuple[tuple[str, str], ...] = (
    (r"\b(shop|buy)\b", "SHOP_NOW"), (r"\border\b", "ORDER_NOW"), (r"\b(sign ?up|join|register)\b", "SIGN_UP"),
    (r"\b(download|install|get the app)\b", "DOWNLOAD"), (r"\b(book|reserve|schedule)\b", "BOOK_NOW"),
    (r"\b(offer|deal|discount|claim)\b", "GET_OFFER"), (r"\bsubscribe\b", "SUBSCRIBE"),
    (r"\b(contact|call|message)\b", "CONTACT_US"), (r"\bquote\b", "GET_QUOTE"), (r"\bapply\b", "APPLY_NOW"),
    (r"\bwatch\b", "WATCH_MORE"),
)


def cta_button(cta_line: str, given: object = None) -> str:
    """The button value to export: the script's own when it is a known value, else one read from
    the CTA line's words, else LEARN_MORE."""
    if isinstance(given, str) and given.strip().upper().replace(" ", "_") in CTA_BUTTONS:
        return given.strip().upper().replace(" ", "_")
    text = (cta_line or "").lower()
    return next((value for pattern, value in _WORDS if re.search(pattern, text)), "LEARN_MORE")
