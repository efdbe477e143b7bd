"""Is every checkable claim in a piece of ad copy found in what we were given? (pure)

A model that invents "trusted by 50,000 happy customers", "rated 4.9 stars" or "award-winning"
writes exactly the claim an ad platform, a regulator or a customer will ask to see backed.
The sources are the fetched page's visible text (and the proof points quoted from it) and what
the user wrote (UVP, reviewer feedback). What is checked:

- numbers: any figure with a unit, currency, percent or multiplier ("50,000", "50k", "50 000",
  "$24", "50%", "3x", "18 hours"); formats are normalised, so 12k on the page grounds 12,000 in
  the copy and back. A bare count from 1 to 10 without a unit ("3 things") is a list, not a claim;
- ratings ("4.9 stars", "4.9/5", "five-star"): the figure must be on the page;
- numbers in words ("fifty thousand customers", "over a million orders", "half a million users",
  "nine out of ten"): read like digits, in the copy and in the sources (`number_words.py`);
- review / customer counts in words ("thousands of customers"): the page must give a count that
  large, or the same words;
- awards and superlative titles ("award-winning", "#1", "best-selling", "most trusted", "world's
  first", "industry-leading"): the page must say it;
- certifications and tests ("certified", "clinically proven", "FDA", "ISO 9001", "B Corp",
  "dermatologist-recommended", "scientifically proven");
- offers and terms ("free shipping", "money-back guarantee", "free trial", "cancel anytime",
  "risk-free", "buy one get one", "limited time"): the page must state the same offer;
- named customers or press ("trusted by Nike", "as seen in Vogue"): the name must be on the page;
- quoted testimonials: a quotation of four words or more must be on the page (unless the script
  is a labelled dramatisation; that rule lives with the script check).

Limits: English only; a claim phrased around the page's words (a paraphrase with the same figure)
passes — the figure is what is checked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from pydantic import BaseModel

from creative_pipeline.compliance.number_words import word_numbers

_NUM = r"(?<![\w./])(?P<num>\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+|\d+(?:[.,]\d+)?)(?P<suffix>\s?(?:k|m|mn|million|thousand)\b)?"
_UNITS = (r"%|percent|x\b|×|stars?|star|reviews?|ratings?|customers?|users?|clients?|members?|people|orders?|"
          r"downloads?|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?|"
          r"countries|cities|stores?|cups?|drinks?|bottles?|litres?|liters?|ml|kg|g\b|lbs?|miles?|km|"
          r"home|happy|satisfied|five|5-star|/5|out of")
NUMBER = re.compile(rf"(?P<cur>[$€£¥])?\s?{_NUM}(?P<after>\s*(?:{_UNITS}))?", re.I)
UNIT_AFTER = re.compile(rf"[\s-]*(?:{_UNITS})", re.I)
RATING = re.compile(r"(?<![\d.,])(?P<num>\d(?:[.,]\d)?)[ \t]*(?:/[ \t]*5\b|out of 5\b|stars?\b|-star\b|★)", re.I)
STAR_WORDS = re.compile(r"\b(?P<word>five|four|4|5)[- ]stars?\b", re.I)
MANY = re.compile(r"\b(?P<word>(?:tens|hundreds) of (?:thousands|millions)|dozens|hundreds|thousands|millions|billions)"
                  r"\s+of\s+(?P<what>[a-z]+)", re.I)
AWARD = re.compile(r"(?:(?<!\w)#\s?1\b|\b(?:award[- ]winning|awards?|no\.\s?1|number one|best[- ]selling|bestsell(?:er|ing)|"
                   r"top[- ]rated|world'?s best|voted best|editor'?s choice|best of \d{4}|most (?:trusted|popular|loved|awarded)|"
                   r"world'?s (?:first|favou?rite|leading)|first[- ]ever|(?:industry|market)[- ]leading|"
                   r"america'?s (?:favou?rite|#\s?1))\b)", re.I)
CERTIFICATION = re.compile(r"\b(certified|certification|clinically (?:proven|tested)|dermatologist[- ]tested|"
                           r"fda(?:[- ]approved)?|iso \d{3,5}|b[- ]corp|usda organic|organic certified|gmp|"
                           r"vegan certified|cruelty[- ]free certified|lab[- ]tested|patented|clinically shown|scientifically proven|"
                           r"(?:doctor|dermatologist|dentist|vet|pediatrician|paediatrician)[- ]recommended|"
                           r"non[- ]gmo|fair[- ]trade)\b", re.I)
# offers and terms: a platform, a regulator and a customer all hold an ad to the offer it states
OFFERS = {
    "free shipping": r"free (?:shipping|delivery)|ships? free|delivered free",
    "free returns": r"free returns?",
    "free trial": r"free trial|try (?:it )?(?:for )?free",
    "free gift": r"free gift",
    "money-back guarantee": r"money[- ]back|(?:satisfaction|\d+[- ]day) guarantee|guaranteed? or your money",
    "cancel anytime": r"cancel (?:at )?any ?time|skip or cancel|no commitments?|no contracts?",
    "risk-free": r"risk[- ]free",
    "buy one get one": r"buy one,? get one|bogo",
    "limited time": r"limited[- ]time|today only|ends (?:tonight|today|soon)|while stocks last|last chance",
}
OFFER = re.compile(r"\b(?:" + "|".join(OFFERS.values()) + r")\b", re.I)
NAMED = re.compile(r"\b(?i:trusted by|used by|loved by|chosen by|as seen (?:in|on)|featured (?:in|on)|"
                   r"recommended by|backed by)\s+(?P<names>(?:[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*)*"
                   r"(?:,\s*|\s+and\s+|\s*&\s*)?)+)")
QUOTE = re.compile(r"[\"“”„«»]([^\"“”„«»]{12,})[\"“”„«»]")
_MULTIPLIER = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6}
_MANY_MIN = {"dozens": 24, "hundreds": 200, "thousands": 2000, "tens of thousands": 20000,
             "hundreds of thousands": 200000, "millions": 2e6, "tens of millions": 2e7,
             "hundreds of millions": 2e8, "billions": 2e9}


class Claim(BaseModel):
    kind: str  # number | rating | count | award | certification | offer | named | quote
    text: str  # as it appears in the copy
    value: float | None = None


class GroundingReport(BaseModel):
    grounded: list[Claim]
    ungrounded: list[Claim]

    @property
    def ok(self) -> bool:
        return not self.ungrounded

    def reason(self) -> str:
        return "ungrounded claim: " + "; ".join(f"{c.kind} “{c.text}”" for c in self.ungrounded)


def fold(text: str) -> str:
    """Case, accents, quotes and whitespace folded, so the page's typography never decides."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    return re.sub(r"\s+", " ", text).strip()


def to_number(raw: str, suffix: str | None = None) -> float | None:
    """'50,000' / '50 000' / '50k' / '4,9' / '1.5m' -> a float (None if it is not a number)."""
    raw = raw.replace("\u202f", " ").replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[, ]\d{3})+", raw):
        value = float(re.sub(r"[, ]", "", raw))
    elif re.fullmatch(r"\d+[.,]\d+", raw):
        value = float(raw.replace(",", "."))
    elif re.fullmatch(r"\d+", raw):
        value = float(raw)
    else:
        return None
    return value * _MULTIPLIER.get((suffix or "").strip().lower(), 1)


def source_numbers(text: str) -> set[float]:
    """Every number the sources state, normalised (with 'k' / 'million' expanded, words read)."""
    found = {w.value for w in word_numbers(text)}
    for m in re.finditer(_NUM, text, re.I):
        value = to_number(m["num"], m["suffix"])
        if value is not None:
            found.add(value)
    return found


def _is_list_count(m: re.Match[str], value: float) -> bool:
    return not m["cur"] and not m["suffix"] and not m["after"] and value.is_integer() and 0 <= value <= 10


def _word_number_claims(copy: str, rating_spans: list[tuple[int, int]]) -> list[Claim]:
    """Figures written in words: a claim when larger than a list count, or with a unit from two up
    ("two minutes"); "one" never ("one cup"), and "five stars" is left to the rating patterns."""
    claims = []
    for w in word_numbers(copy):
        unit = UNIT_AFTER.match(copy, w.end)
        if any(a <= w.start < b for a, b in rating_spans) or (unit and re.match(r"[\s-]*stars?", unit.group(0), re.I)):
            continue
        if w.value > 10 or (unit and w.value >= 2):
            claims.append(Claim(kind="number", text=w.text + (unit.group(0) if unit else ""), value=w.value))
    return claims


def extract_claims(copy: str) -> list[Claim]:
    """The checkable claims of one piece of copy, in order of appearance (duplicates kept once)."""
    claims: list[Claim] = []
    rating_spans = []
    for m in RATING.finditer(copy):
        claims.append(Claim(kind="rating", text=m.group(0).strip(), value=to_number(m["num"])))
        rating_spans.append(m.span())
    for m in STAR_WORDS.finditer(copy):
        if not any(a <= m.start() < b for a, b in rating_spans):
            claims.append(Claim(kind="rating", text=m.group(0), value=5.0 if m["word"].lower() in ("five", "5") else 4.0))
    for m in NUMBER.finditer(copy):
        if any(a <= m.start("num") < b for a, b in rating_spans):
            continue
        value = to_number(m["num"], m["suffix"])
        if value is None or _is_list_count(m, value):
            continue
        claims.append(Claim(kind="number", text=m.group(0).strip(), value=value))
    claims += _word_number_claims(copy, rating_spans)
    claims += [Claim(kind="count", text=m.group(0), value=_MANY_MIN[re.sub(r"\s+", " ", m["word"].lower())])
               for m in MANY.finditer(copy)]
    claims += [Claim(kind="offer", text=m.group(0)) for m in OFFER.finditer(copy)]
    claims += [Claim(kind="award", text=m.group(0)) for m in AWARD.finditer(copy)]
    claims += [Claim(kind="certification", text=m.group(0)) for m in CERTIFICATION.finditer(copy)]
    for m in NAMED.finditer(copy):
        for name in re.split(r",\s*|\s+and\s+|\s*&\s*", m["names"].strip()):
            if name.strip():
                claims.append(Claim(kind="named", text=name.strip().rstrip(".")))
    claims += [Claim(kind="quote", text=m[1].strip()) for m in QUOTE.finditer(copy) if len(m[1].split()) >= 4]
    unique: dict[tuple[str, str], Claim] = {}
    for claim in claims:
        unique.setdefault((claim.kind, fold(claim.text)), claim)
    return list(unique.values())


class Sources:
    """The texts a claim may be found in, folded once."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.text = fold(" \n ".join(t for t in texts if t))
        self.numbers = source_numbers(self.text)

    def has(self, claim: Claim) -> bool:
        if claim.kind in ("number", "rating"):
            return claim.value is not None and claim.value in self.numbers
        if claim.kind == "count":
            word = fold(claim.text.split(" of ")[0])
            return word in self.text or any(n >= (claim.value or 0) for n in self.numbers)
        if claim.kind == "award":
            word = fold(claim.text)
            stem = "award" if "award" in word else word.replace(" ", "").replace("-", "")
            return stem in self.text.replace(" ", "").replace("-", "") if stem != "award" else "award" in self.text
        if claim.kind == "offer":
            return any(re.fullmatch(rx, fold(claim.text)) and re.search(rf"\b(?:{rx})\b", self.text)
                       for rx in OFFERS.values())
        if claim.kind == "quote":
            return re.sub(r"[^\w ]", "", fold(claim.text)) in re.sub(r"[^\w ]", "", self.text)
        return fold(claim.text) in self.text


def check_grounding(copy: Iterable[str], sources: Sources) -> GroundingReport:
    """Every claim of every piece of copy, split into found and not found in the sources."""
    unique: dict[tuple[str, str], Claim] = {}
    for piece in copy:  # piece by piece: a figure at the end of one line never pairs with the next
        for claim in extract_claims(piece or ""):
            unique.setdefault((claim.kind, fold(claim.text)), claim)
    claims = list(unique.values())
    return GroundingReport(grounded=[c for c in claims if sources.has(c)],
                           ungrounded=[c for c in claims if not sources.has(c)])
