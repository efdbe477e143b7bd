"""The trends boundary: one keyword's interest score and where it came from."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

TrendStatus = Literal["ok", "cached", "unavailable"]


def normalise_keyword(keyword: str) -> str:
    """The cache key and the term sent to Google: stripped, casefolded, single-spaced.

    Google Trends is case-insensitive, so "Running Shoes " and "running  shoes" are one
    query; treating them as one saves requests and cache rows.
    """
    return " ".join(keyword.split()).casefold()


class KeywordTrend(BaseModel):
    """A keyword's relative search interest (0..100) or an honest reason why there is none.

    `ok` = fetched now, `cached` = served from `trend_cache`, `unavailable` = no score, with
    the reason in `error` (rate limit, outage, backend off) so scoring can fall back openly.
    """

    keyword: str
    score: float | None = Field(default=None, ge=0, le=100)
    status: TrendStatus
    error: str | None = None

    @model_validator(mode="after")
    def _score_matches_status(self) -> "KeywordTrend":
        if self.status == "unavailable" and self.score is not None:
            raise ValueError("an unavailable trend carries no score")
        if self.status != "unavailable" and self.score is None:
            raise ValueError(f"a {self.status} trend needs a score")
        return self

    @property
    def available(self) -> bool:
        return self.status != "unavailable"
