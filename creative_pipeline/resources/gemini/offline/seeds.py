"""What every offline builder shares: a seeded RNG (output is a pure function of its inputs) and the topic word."""

from __future__ import annotations

import hashlib
import random
import re

from creative_pipeline.resources.gemini.content import CompanyBrief


def rng(*parts: object) -> random.Random:
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def topic(company: CompanyBrief) -> str:
    keywords = company.context.keywords or re.findall(r"[a-z]{4,}", company.uvp.lower())
    return keywords[0] if keywords else company.name.lower()
