"""Proof points: what a site says that an ad may repeat, each backed by the page's own words.

An ad that says "rated 4.8 by 12,000 customers" must be able to point at the page sentence
that says so. Candidates are found deterministically (the same page gives the same list):
sentences with ratings, review counts, customer numbers, percentages, awards, certifications
or named customers, and reviews quoted on the page (<blockquote>, <q>, review/testimonial
blocks, sentences in quotation marks). Every proof point, from here or proposed by a model,
is kept only when its `quote` is a substring of the page's visible text after whitespace is
normalised (`verify_proof_points`); nothing else is forgiven (case, punctuation, paraphrase).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel

from creative_pipeline.domain.company import PROOF_CLAIM_MAX, PROOF_QUOTE_MAX, ProofPoint
from creative_pipeline.resources.web.heuristics import clean_text, sentences

MAX_PROOF_POINTS = 12
MIN_QUOTE_WORDS = 3
# A number that means something to a buyer: a rating ("4.8/5", "4.8 out of 5", "5 stars"), a
# count of people or reviews ("12,000 customers", "2k+ reviews"), a percentage, a time on the
# market ("since 1998", "20 years"). Bare numbers (prices, dates alone, phone numbers) are not proof.
_RATING = re.compile(r"\b\d(?:[.,]\d)?\s*(?:/\s*5|out of 5|stars?)\b|★", re.IGNORECASE)
_COUNT = re.compile(
    r"\b\d[\d,.]*\s*(?:k|m|million|thousand)?\+?\s+(?:happy |satisfied |verified |five-star |5-star )?"
    r"(?:customers?|clients?|users?|members?|reviews?|ratings?|families|parents|teams?|companies|businesses|"
    r"brands|orders|downloads|installs|subscribers|patients|students|people|countries|stores|cities|"
    r"meals|boxes|years?)\b"
    r"|\b\d[\d,.]*\s?%|\bsince (?:19|20)\d\d\b",
    re.IGNORECASE,
)
_AWARD = re.compile(
    r"\b(?:award(?:s|ed)?|winner|won|finalist|ranked|voted|best [\w\s]{1,30} of (?:19|20)\d\d|top \d+|"
    r"featured (?:in|on)|as seen (?:in|on))\b",
    re.IGNORECASE,
)
_CERTIFICATION = re.compile(
    r"\b(?:certified|certification|accredited|ISO \d{3,5}|SOC ?2|HIPAA|GDPR[- ]compliant|FDA[- ](?:approved|cleared|registered)|"
    r"USDA Organic|B ?Corp|Fair ?Trade|cruelty[- ]free|dermatologist[- ](?:tested|recommended)|"
    r"clinically (?:tested|proven)|patent(?:ed)?|Leaping Bunny|Ecocert)\b",
    re.IGNORECASE,
)
_CUSTOMERS = re.compile(r"\b(?:trusted by|used by|loved by|chosen by|(?:customers|clients|partners) include)\b", re.IGNORECASE)
_QUOTED = re.compile(r"^[\"“„«'‘].{12,}[\"”»'’](?:\s*[-—–]\s*.{1,60})?$")


class DroppedProof(BaseModel):
    """A proof point that was not kept, and why (shown in the stage metadata)."""

    claim: str
    quote: str
    reason: str


def normalise(text: str) -> str:
    """Whitespace normalised, nothing else: the only forgiveness a quote gets."""
    return " ".join(text.split())


def quote_found(quote: str, visible_text: str) -> bool:
    """`quote` appears in `visible_text` once both have their whitespace normalised."""
    needle = normalise(quote)
    return bool(needle) and needle in normalise(visible_text)


_KINDS = (  # checked in this order: the first match names the kind of proof
    ("rating", _RATING.search), ("certification", _CERTIFICATION.search), ("award", _AWARD.search),
    ("customers", _CUSTOMERS.search), ("number", _COUNT.search), ("review", _QUOTED.match),
)


def _kind(sentence: str) -> str | None:
    return next((kind for kind, test in _KINDS if test(sentence)), None)


def _point(text: str) -> ProofPoint | None:
    """A proof point quoting `text` (capped on a word boundary, so still a substring)."""
    quote = clean_text(text, PROOF_QUOTE_MAX)
    if len(quote.split()) < MIN_QUOTE_WORDS:
        return None
    return ProofPoint(claim=clean_text(quote.strip("\"“”„«»'‘’ "), PROOF_CLAIM_MAX) or quote, quote=quote)


def find_proof_points(blocks: Iterable[str], reviews: Iterable[str] = ()) -> list[ProofPoint]:
    """Deterministic candidates: quoted reviews first (they are the strongest proof), then
    sentences with ratings, certifications, awards, named customers or meaningful numbers, in
    document order; duplicates and near-empty lines dropped, at most 12."""
    found: list[ProofPoint] = []
    seen: set[str] = set()

    def add(point: ProofPoint | None) -> None:
        if point is not None and point.quote.casefold() not in seen and len(found) < MAX_PROOF_POINTS:
            seen.add(point.quote.casefold())
            found.append(point)

    for review in reviews:
        add(_point(review))
    for sentence in sentences(blocks):
        if _kind(sentence) is not None:
            add(_point(sentence))
    return found


def verify_proof_points(
    points: Iterable[ProofPoint], visible_text: str, limit: int = MAX_PROOF_POINTS
) -> tuple[list[ProofPoint], list[DroppedProof]]:
    """Keep the points whose quote is in `visible_text` (whitespace normalised only), with that
    normalised quote; every other one is returned with the reason, never silently lost.
    Duplicated quotes are kept once."""
    kept: list[ProofPoint] = []
    dropped: list[DroppedProof] = []
    seen: set[str] = set()
    haystack = normalise(visible_text)
    for point in points:
        needle = normalise(point.quote)
        if not needle or needle not in haystack:
            dropped.append(DroppedProof(claim=point.claim, quote=point.quote,
                                        reason="quote not found in the page's visible text"))
        elif needle.casefold() in seen:
            continue
        elif len(kept) >= limit:
            dropped.append(DroppedProof(claim=point.claim, quote=point.quote, reason=f"over the cap of {limit}"))
        else:  # stored as found on the page (whitespace normalised): a plain substring of it
            seen.add(needle.casefold())
            kept.append(point.model_copy(update={"quote": needle}))
    return kept, dropped


def with_model_proposals(
    page_points: list[ProofPoint], proposed: Iterable[ProofPoint], visible_text: str
) -> tuple[list[ProofPoint], list[DroppedProof]]:
    """The model's proposals that check out (its claims are better phrased) before the page's own
    candidates, one per quote, at most 12; the proposals that do not check out, with the reason."""
    proposed = list(proposed)
    kept, dropped = verify_proof_points([*proposed, *page_points], visible_text)
    return kept, [d for d in dropped if any(d.quote == p.quote for p in proposed)]
